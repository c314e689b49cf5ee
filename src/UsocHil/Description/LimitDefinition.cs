namespace UsocHil.Description;

/// <summary>Soft (yellow) and hard (red) bands on one telemetry parameter, as [low, high] in engineering units.</summary>
public sealed record LimitDefinition
{
    public required string Parameter { get; init; }
    public required IReadOnlyList<double> Yellow { get; init; }
    public required IReadOnlyList<double> Red { get; init; }

    /// <summary>Consecutive samples outside a band before it trips, so one noisy sample does not.</summary>
    public int Persistence { get; init; } = 1;
}
