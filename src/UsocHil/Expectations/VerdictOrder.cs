namespace UsocHil.Expectations;

/// <summary>Combines verdicts the way a step's checks make the step's verdict and a run's steps make the run's: the worst wins.</summary>
public static class VerdictOrder
{
    public static Verdict Worst(Verdict a, Verdict b) => a >= b ? a : b;

    public static Verdict Worst(IEnumerable<Verdict> verdicts) => verdicts.Aggregate(Verdict.NotSet, Worst);

    /// <summary>True for a judged verdict a run may still pass with (pass or marginal).</summary>
    public static bool IsAcceptable(this Verdict verdict) => verdict is Verdict.Pass or Verdict.Marginal;

    /// <summary>True for a verdict that fails its step: fail, aborted or error.</summary>
    public static bool IsFailing(this Verdict verdict) => verdict >= Verdict.Fail;

    /// <summary>The verdict as the archive, the reports and the monitor write it: "pass", "marginal", "fail" ...</summary>
    public static string ToText(this Verdict verdict) => verdict switch
    {
        Verdict.NotSet => "not-set",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    public static Verdict Parse(string? text) => text?.ToLowerInvariant() switch
    {
        null or "" or "not-set" or "none" => Verdict.NotSet,
        "pass" => Verdict.Pass,
        "marginal" => Verdict.Marginal,
        "inconclusive" => Verdict.Inconclusive,
        "fail" => Verdict.Fail,
        "aborted" => Verdict.Aborted,
        "error" => Verdict.Error,
        _ => throw new FormatException($"unknown verdict '{text}'"),
    };
}
