namespace UsocHil.Rigs;

/// <summary>
/// A telecommand sent and how its verification went: acceptance and completion times from sending, in wall terms
/// (see <see cref="RigSessionPusChannel"/>); <paramref name="RigTime"/> is when it was sent, on the rig clock.
/// </summary>
public sealed record CommandRecord(
    string Command,
    IReadOnlyDictionary<string, double> Arguments,
    bool Succeeded,
    TimeSpan? Acceptance,
    TimeSpan? Completion,
    string? Failure,
    DateTimeOffset RigTime);
