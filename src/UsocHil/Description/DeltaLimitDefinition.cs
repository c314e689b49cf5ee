using System.Text.Json.Serialization;

namespace UsocHil.Description;

/// <summary>
/// The largest change between consecutive samples of a parameter, per second of rig time or per sample, before it is
/// yellow or red: a quantity running away trips it long before the temperature reaches its static band.
/// </summary>
public sealed record DeltaLimitDefinition
{
    /// <summary>The largest absolute change still nominal.</summary>
    public required double Yellow { get; init; }

    /// <summary>The largest absolute change still inside the hard limit; at least <see cref="Yellow"/>.</summary>
    public required double Red { get; init; }

    public DeltaBasis Per { get; set; } = DeltaBasis.Second;
}

/// <summary>What a delta limit's change is measured against.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeltaBasis>))]
public enum DeltaBasis
{
    /// <summary>Change per second of rig time between the two samples (XTCE's changePerSecond).</summary>
    [JsonStringEnumMemberName("second")]
    Second,

    /// <summary>Change from the previous sample, however far apart (XTCE's changePerSample, SCOS-2000's delta check).</summary>
    [JsonStringEnumMemberName("sample")]
    Sample,
}
