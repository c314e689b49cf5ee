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
}
