using UsocHil.Uncertainty;

namespace UsocHil.Expectations;

/// <summary>The words sequences and rig files use for a <see cref="DecisionRule"/>, and the verdict each rule gives.</summary>
public static class DecisionRules
{
    public static IReadOnlyList<string> Names { get; } = ["simple", "guard-banded", "three-state"];

    public static bool TryParse(string? word, out DecisionRule rule)
    {
        (bool ok, rule) = word switch
        {
            "simple" => (true, DecisionRule.SimpleAcceptance),
            "guard-banded" => (true, DecisionRule.GuardBanded),
            "three-state" => (true, DecisionRule.ThreeState),
            _ => (false, DecisionRule.SimpleAcceptance),
        };
        return ok;
    }

    public static string Word(this DecisionRule rule) => Names[(int)rule];

    /// <summary>
    /// The verdict and margin of <paramref name="value"/> against [low, high] (either open) under <paramref name="rule"/>
    /// with expanded uncertainty <paramref name="expanded"/>; the margin is measured to the acceptance limit the rule uses.
    /// </summary>
    public static (Verdict Verdict, double Margin) Decide(DecisionRule rule, double value, double? low, double? high, double expanded)
    {
        double u = rule == DecisionRule.SimpleAcceptance ? 0 : Math.Abs(expanded);
        if (double.IsNaN(u))
        {
            return (Verdict.Inconclusive, double.NaN);
        }

        var (accepted, margin) = Judge.Band(value, low + u, high - u);
        if (accepted == Verdict.Pass || rule != DecisionRule.ThreeState)
        {
            return (accepted, margin);
        }

        var (rejected, _) = Judge.Band(value, low - u, high + u);
        return (rejected == Verdict.Pass ? Verdict.Inconclusive : Verdict.Fail, margin);
    }

    /// <summary>A judged result of <paramref name="value"/> ± U against [low, high] under <paramref name="rule"/>.</summary>
    public static JudgedResult Judged(string name, IReadOnlyList<string> parameters, double value, string? unit, double? low, double? high,
        DecisionRule rule, ExpandedUncertainty uncertainty, Evidence? evidence = null, string? note = null)
    {
        var (verdict, margin) = Decide(rule, value, low, high, uncertainty.Expanded);
        string words = FormattableString.Invariant($"{Judge.Words(name, low, high, unit)} ({rule.Word()}, U = {uncertainty.Expanded:G3}, k = {uncertainty.CoverageFactor:F2})");
        return JudgedResult.Within(name, parameters, value, unit, low, high, evidence) with
        {
            Verdict = verdict,
            Margin = double.IsInfinity(margin) ? double.NaN : margin,
            Message = note is null ? words : $"{words}; {note}",
            Uncertainty = uncertainty,
            DecisionRule = rule,
        };
    }
}
