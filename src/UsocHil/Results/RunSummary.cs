namespace UsocHil.Results;

/// <summary>One line of the archive's run list: the header, how it ended and its seal.</summary>
public sealed record RunSummary
{
    public required long Id { get; init; }
    public required RunHeader Header { get; init; }
    public required DateTimeOffset StartedRig { get; init; }
    public required DateTimeOffset StartedWall { get; init; }
    public DateTimeOffset? EndedRig { get; init; }
    public DateTimeOffset? EndedWall { get; init; }
    public required ArchivedOutcome Outcome { get; init; }
    public long? SealSequence { get; init; }
    public string? RecordHash { get; init; }
    public string? PreviousHash { get; init; }

    /// <summary>The station that recorded the run; null in the station's own archive (it is that station).</summary>
    public string? Station { get; init; }

    /// <summary>
    /// The run's id in the archive that recorded and sealed it, where <see cref="Id"/> is another archive's (the
    /// central one's); null where they are the same. The seal covers this id.
    /// </summary>
    public long? RecordedId { get; init; }
}
