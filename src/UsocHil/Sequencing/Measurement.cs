using UsocHil.Expectations;

namespace UsocHil.Sequencing;

/// <summary>
/// A judged result as a run reports it: which step made it and when. The <see cref="Result"/> goes to the archive,
/// the reports and the monitor whole (parameters, bounds, margin, evidence, verdict, unit).
/// </summary>
public sealed record Measurement(string Step, JudgedResult Result, DateTimeOffset RigTime)
{
    /// <summary>What was measured, for example "TC1_TEMP - dmm".</summary>
    public string Name => Result.Expectation;

    public double Value => Result.Measured;

    public string? Unit => Result.Unit;

    /// <summary>The expectation in words, for example "-0.3 <= TC1_TEMP - dmm <= 0.3 degC".</summary>
    public string Expectation => Result.Message;

    public Verdict Verdict => Result.Verdict;

    /// <summary>Distance to the nearest nominal bound, positive inside; null where there is none.</summary>
    public double? Margin => double.IsFinite(Result.Margin) ? Result.Margin : null;

    public static Measurement Of(string step, JudgedResult result, DateTimeOffset rigTime) => new(step, result, rigTime);

    /// <summary>A value recorded without a verdict (a fitted R², an optimum).</summary>
    public static Measurement Recorded(string step, string name, double value, string? unit, DateTimeOffset rigTime, string? note = null) =>
        new(step, JudgedResult.Recorded(name, value, unit, note), rigTime);

    /// <summary>A value held against [low, high] (either may be open).</summary>
    public static Measurement Within(string step, string name, IReadOnlyList<string> parameters, double value, string? unit, double? low, double? high,
        DateTimeOffset rigTime, Evidence? evidence = null, string? note = null) =>
        new(step, JudgedResult.Within(name, parameters, value, unit, low, high, evidence, note), rigTime);
}
