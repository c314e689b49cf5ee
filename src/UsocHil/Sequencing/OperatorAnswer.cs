namespace UsocHil.Sequencing;

/// <summary>How the operator answered a prompt.</summary>
public enum OperatorDecision
{
    /// <summary>Go on with the run.</summary>
    Confirm,

    /// <summary>The condition asked for is not met: the run ends, through safing, as failed.</summary>
    Refuse,

    /// <summary>Stop the run now: through safing, as aborted.</summary>
    Abort,
}

/// <summary>An answer to a prompt, for the record: what, who, through which console and when (UTC wall time).</summary>
public sealed record OperatorAnswer(OperatorDecision Decision, string Operator, string Console, DateTimeOffset AnsweredAt)
{
    /// <summary>"confirmed by alice at the terminal at 2026-12-05T07:31:02Z".</summary>
    public string Describe() =>
        $"{Decision switch { OperatorDecision.Confirm => "confirmed", OperatorDecision.Refuse => "refused", _ => "aborted" }} by {Operator} at the {Console} at {AnsweredAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}";
}
