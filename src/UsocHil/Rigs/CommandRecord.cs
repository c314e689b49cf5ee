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
    DateTimeOffset RigTime)
{
    /// <summary>The payload's failure code, when it reported a failure (service 1).</summary>
    public int? FailureCode { get; init; }

    /// <summary>The verification stage it failed at (<c>acceptance</c>, <c>start</c>, <c>progress</c>, <c>completion</c>), when known.</summary>
    public string? FailureStage { get; init; }
}
