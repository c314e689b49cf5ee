using UsocHil.Expectations;
using UsocHil.Safing;

namespace UsocHil.Sequencing;

/// <summary>What a finished run reports: its end state, why, every verdict and what safing did.</summary>
public sealed record RunResult
{
    public required string Sequence { get; init; }
    public required RunState FinalState { get; init; }
    public required RunOutcome Outcome { get; init; }

    /// <summary>The trigger that sent the run to safing early, if any.</summary>
    public RunTrigger? Cause { get; init; }

    /// <summary>Why, in words: the failing step and its error, the limit, the signal.</summary>
    public string? Reason { get; init; }

    public required IReadOnlyList<Measurement> Measurements { get; init; }
    public SafingReport? Safing { get; init; }
    public required TimeSpan RigDuration { get; init; }

    public IEnumerable<Measurement> FailedMeasurements => Measurements.Where(m => m.Verdict.IsFailing());
}
