using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Command verification timing: the payload must report acceptance (PUS 1,1) within t1 and completion (1,7) within t2
/// of the command being sent. A stage never reported fails, its measured value the time waited so far (or NaN).
/// </summary>
public sealed class CommandTimingExpectation(Tolerance acceptanceSeconds, Tolerance completionSeconds)
{
    public CommandTimingExpectation(CommandVerificationTiming timing)
        : this(Tolerance.Exactly(timing.AcceptanceSeconds), Tolerance.Exactly(timing.CompletionSeconds))
    {
    }

    /// <summary>The acceptance result, then (unless <paramref name="expectCompletion"/> is false) the completion result.</summary>
    public IReadOnlyList<JudgedResult> Evaluate(string command, DateTimeOffset sent, DateTimeOffset? accepted, DateTimeOffset? completed, bool expectCompletion = true)
    {
        var results = new List<JudgedResult>(2) { Stage(command, "acceptance", sent, accepted, acceptanceSeconds) };
        if (expectCompletion)
        {
            results.Add(Stage(command, "completion", sent, completed, completionSeconds));
        }

        return results;
    }

    private static JudgedResult Stage(string command, string stage, DateTimeOffset sent, DateTimeOffset? reported, Tolerance tolerance)
    {
        double seconds = reported is { } at ? (at - sent).TotalSeconds : double.NaN;
        var (verdict, margin) = Judge.AtMost(seconds, tolerance);
        string message = reported is null
            ? $"{command}: no {stage} reported (limit {tolerance.Nominal:G4} s)"
            : $"{command}: {stage} after {seconds:F3} s (limit {tolerance.Nominal:G4} s)";
        return new JudgedResult
        {
            Expectation = $"command {command} {stage}",
            Parameters = [command],
            Verdict = verdict,
            Measured = seconds,
            Unit = "s",
            High = tolerance.Nominal,
            HardHigh = tolerance.Hard,
            Margin = margin,
            Message = message,
            Evidence = double.IsNaN(seconds) ? new Evidence([0], [double.NaN]) : new Evidence([0, seconds], [0, seconds]),
        };
    }
}
