using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Dynamic behaviour of one parameter after a setpoint change: ramp rate at most r, overshoot at most o, settles within
/// ±b and stays there for at least d (optionally within a maximum settling time), reaches the target within a time.
/// Gives one result per figure, each with the samples around the point that decided it.
/// </summary>
public sealed class StepResponseExpectation
{
    public StepResponseExpectation(string parameter, Tolerance maxRampPerMinute, Tolerance maxOvershoot, double settleBand, double settleHoldSeconds)
    {
        Parameter = parameter;
        MaxRampPerMinute = maxRampPerMinute;
        MaxOvershoot = maxOvershoot;
        SettleBand = settleBand;
        SettleHoldSeconds = settleHoldSeconds;
    }

    public StepResponseExpectation(DynamicsExpectation definition)
        : this(definition.Parameter, Tolerance.Exactly(definition.MaxRampPerMinute), Tolerance.Exactly(definition.MaxOvershoot), definition.SettleBand, definition.SettleSeconds)
    {
    }

    public string Parameter { get; }
    public Tolerance MaxRampPerMinute { get; }
    public Tolerance MaxOvershoot { get; }
    public double SettleBand { get; }
    public double SettleHoldSeconds { get; }

    /// <summary>When set, the settling time (from the step) must not exceed it.</summary>
    public Tolerance? MaxSettlingSeconds { get; init; }

    /// <summary>When set, the value must come within the band of the target within this time.</summary>
    public Tolerance? MaxReachSeconds { get; init; }

    public double RampWindowSeconds { get; init; } = 60;

    /// <summary>Evaluates <paramref name="samples"/> (seconds from the setpoint change) against <paramref name="target"/>;
    /// <paramref name="unit"/> is the parameter's own (from its dictionary entry), so ramp and overshoot are printed in it.</summary>
    public IReadOnlyList<JudgedResult> Evaluate(IReadOnlyList<Sample> samples, double target, string? unit = null)
    {
        string u = string.IsNullOrEmpty(unit) ? "" : unit;
        StepResponse r = StepResponse.Measure(samples, target, SettleBand, RampWindowSeconds);
        var results = new List<JudgedResult>(4);
        if (MaxReachSeconds is { } reachLimit)
        {
            var (v, m) = Judge.AtMost(r.ReachSeconds, reachLimit);
            results.Add(Result("reach", v, r.ReachSeconds, "s", reachLimit, m, $"within ±{SettleBand:G3} of {target:G6} after {r.ReachSeconds:F1} s", samples, r.SettleIndex));
        }

        var (rv, rm) = Judge.AtMost(r.MaxRampPerMinute, MaxRampPerMinute);
        results.Add(Result("ramp rate", rv, r.MaxRampPerMinute, $"{u}/min", MaxRampPerMinute, rm, $"steepest ramp {r.MaxRampPerMinute:F2} {u}/min over {RampWindowSeconds:G3} s windows", samples, r.SteepestIndex));

        var (ov, om) = Judge.AtMost(r.Overshoot, MaxOvershoot);
        results.Add(Result("overshoot", ov, r.Overshoot, unit, MaxOvershoot, om, $"peak {r.Overshoot:F3} {u} past {target:G6}", samples, r.PeakIndex));

        results.Add(Settling(r, samples, target));
        return results;
    }

    private JudgedResult Settling(StepResponse r, IReadOnlyList<Sample> samples, double target)
    {
        bool held = r.Settled && r.HeldSeconds >= SettleHoldSeconds;
        string message = held
            ? $"within ±{SettleBand:G3} of {target:G6} from {r.SettlingSeconds:F1} s, held {r.HeldSeconds:F1} s (needed {SettleHoldSeconds:G4} s)"
            : $"did not stay within ±{SettleBand:G3} of {target:G6} for {SettleHoldSeconds:G4} s (held {r.HeldSeconds:F1} s)";
        Verdict verdict;
        double margin;
        if (MaxSettlingSeconds is { } limit)
        {
            (verdict, margin) = Judge.AtMost(held ? r.SettlingSeconds : double.NaN, limit);
            if (!held)
            {
                margin = r.HeldSeconds - SettleHoldSeconds;
            }
        }
        else
        {
            (verdict, margin) = (held ? Verdict.Pass : Verdict.Fail, r.HeldSeconds - SettleHoldSeconds);
        }

        return Result("settling", verdict, r.SettlingSeconds, "s", MaxSettlingSeconds, margin, message, samples, r.SettleIndex);
    }

    private JudgedResult Result(string figure, Verdict verdict, double measured, string? unit, Tolerance? bound, double margin, string message, IReadOnlyList<Sample> samples, int decisive) => new()
    {
        Expectation = $"{Parameter} {figure}",
        Parameters = [Parameter],
        Verdict = verdict,
        Measured = measured,
        Unit = unit,
        High = bound?.Nominal,
        HardHigh = bound?.Hard,
        Margin = margin,
        Message = $"{Parameter}: {message}",
        Evidence = Evidence.From(samples, decisive),
    };
}
