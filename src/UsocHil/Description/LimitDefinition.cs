namespace UsocHil.Description;

/// <summary>
/// One limit on a telemetry parameter: soft (yellow) and hard (red) bands as [low, high] in engineering units, a
/// delta (rate-of-change) limit, or both; with <see cref="When"/> it is checked only while another parameter has a
/// given value (SCOS-2000's OCP applicability, XTCE's context alarm). A parameter may carry several limits, one per
/// condition; every applicable one is checked.
/// </summary>
public sealed record LimitDefinition
{
    public required string Parameter { get; init; }

    /// <summary>The soft band; given together with <see cref="Red"/> or not at all.</summary>
    public IReadOnlyList<double>? Yellow { get; init; }

    /// <summary>The hard band, around the yellow one; leaving it raises the hard-limit alarm that safes the rig.</summary>
    public IReadOnlyList<double>? Red { get; init; }

    /// <summary>Consecutive samples outside a band before it trips, so one noisy sample does not.</summary>
    public int Persistence { get; set; } = 1;

    public DeltaLimitDefinition? Delta { get; init; }

    public LimitCondition? When { get; init; }

    /// <summary>True when the limit has static yellow and red bands.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasBands => Yellow is { Count: 2 } && Red is { Count: 2 };
}
