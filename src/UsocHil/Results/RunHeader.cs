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

    /// <summary>The sequence's status when it ran (draft or approved); null in runs recorded before sequences had one.</summary>
    public string? SequenceStatus { get; init; }

    /// <summary>The kinds of item the sequence said it was validated on when it ran; null in runs recorded before sequences said.</summary>
    public IReadOnlyList<string>? SequenceValidatedOn { get; init; }

    /// <summary>What the run exercised: emulator, EM, QM, FM, PFM (rig.json's model), or hardware of no stated model; null in older runs.</summary>
    public string? ItemKind { get; init; }
}
