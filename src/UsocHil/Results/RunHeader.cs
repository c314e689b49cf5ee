namespace UsocHil.Results;

/// <summary>What identifies a run before it starts: which rig and unit, which procedure (and its exact file), who ran it with what.</summary>
public sealed record RunHeader
{
    public required string Rig { get; init; }
    public string? UnitSerial { get; init; }
    public required string Sequence { get; init; }

    /// <summary>SHA-256 (hex) of the sequence file as it was read.</summary>
    public string? SequenceSha256 { get; init; }

    /// <summary>SHA-256 (hex) of the station configuration file as it was read.</summary>
    public string? StationSha256 { get; init; }

    public string? SoftwareVersion { get; init; }
    public string? Operator { get; init; }
}
