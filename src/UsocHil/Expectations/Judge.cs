namespace UsocHil.Expectations;

/// <summary>The one rule every evaluator uses to turn a measured value and its bounds into a verdict and a margin.</summary>
internal static class Judge
{
    /// <summary>Verdict against nominal [low, high] and hard [hardLow, hardHigh] (a missing hard bound means the nominal one).</summary>
    public static (Verdict Verdict, double Margin) Band(double value, double? low, double? high, double? hardLow = null, double? hardHigh = null)
    {
        if (double.IsNaN(value))
        {
            return (Verdict.Fail, double.NaN);
        }

        double margin = double.PositiveInfinity;
        if (low is { } l)
        {
            margin = Math.Min(margin, value - l);
        }

        if (high is { } h)
        {
            margin = Math.Min(margin, h - value);
        }

        if (margin >= 0)
        {
            return (Verdict.Pass, margin);
        }

        bool insideHard = value >= (hardLow ?? low ?? double.NegativeInfinity) && value <= (hardHigh ?? high ?? double.PositiveInfinity);
        return (insideHard ? Verdict.Marginal : Verdict.Fail, margin);
    }

    public static (Verdict Verdict, double Margin) AtMost(double value, Tolerance tolerance) =>
        Band(value, null, tolerance.Nominal, null, tolerance.Hard);

    /// <summary>The bounds in words, for example "0 <= supply current <= 3 A".</summary>
    public static string Words(string name, double? low, double? high, string? unit)
    {
        string u = string.IsNullOrEmpty(unit) ? "" : $" {unit}";
        return (low, high) switch
        {
            ({ } l, { } h) => FormattableString.Invariant($"{l:G6} <= {name} <= {h:G6}{u}"),
            ({ } l, null) => FormattableString.Invariant($"{name} >= {l:G6}{u}"),
            (null, { } h) => FormattableString.Invariant($"{name} <= {h:G6}{u}"),
            _ => name,
        };
    }
}
