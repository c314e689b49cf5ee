namespace UsocHil.Rigs;

/// <summary>A telecommand sent and how its verification went (times from sending, in rig time).</summary>
public sealed record CommandRecord(
    string Command,
    IReadOnlyDictionary<string, double> Arguments,
    bool Succeeded,
    TimeSpan? Acceptance,
    TimeSpan? Completion,
    string? Failure,
    DateTimeOffset RigTime);
