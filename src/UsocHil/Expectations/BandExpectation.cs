namespace UsocHil.Expectations;

/// <summary>
/// A single measured figure (a sample mean, a fit's residual RMS, a verification error) held against a nominal band
/// [low, high] and, optionally, a wider hard band: the building block for the figures a sequence step computes itself.
/// </summary>
public sealed class BandExpectation(string name, string parameter, double? low, double? high, double? hardLow = null, double? hardHigh = null)
{
    public string Name => name;

    /// <summary>At most <paramref name="tolerance"/>: for magnitudes such as a residual or an error.</summary>
    public static BandExpectation AtMost(string name, string parameter, Tolerance tolerance) =>
        new(name, parameter, null, tolerance.Nominal, null, tolerance.Hard);

    /// <summary>Within ±<paramref name="tolerance"/> of <paramref name="target"/>.</summary>
    public static BandExpectation Around(string name, string parameter, double target, Tolerance tolerance) =>
        new(name, parameter, target - tolerance.Nominal, target + tolerance.Nominal, target - tolerance.Hard, target + tolerance.Hard);

    public JudgedResult Evaluate(double measured, string? unit = null, Evidence? evidence = null)
    {
        var (verdict, margin) = Judge.Band(measured, low, high, hardLow, hardHigh);
        string bounds = $"[{(low is { } l ? l.ToString("G6") : "-inf")}, {(high is { } h ? h.ToString("G6") : "+inf")}]";
        return new JudgedResult
        {
            Expectation = name,
            Parameters = [parameter],
            Verdict = verdict,
            Measured = measured,
            Unit = unit,
            Low = low,
            High = high,
            HardLow = hardLow ?? (hardHigh is null ? null : low),
            HardHigh = hardHigh ?? (hardLow is null ? null : high),
            Margin = margin,
            Message = $"{parameter}: {measured:G6} {unit} against {bounds}, {verdict.ToText()} by {margin:G4}",
            Evidence = evidence ?? Evidence.Of(0, measured),
        };
    }
}
