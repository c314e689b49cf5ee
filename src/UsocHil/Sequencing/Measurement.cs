namespace UsocHil.Sequencing;

/// <summary>Pass, marginal (inside the soft band, outside the nominal one) or fail; None for a plain record.</summary>
public enum MeasurementVerdict
{
    None,
    Pass,
    Marginal,
    Fail,
}

/// <summary>A value measured during a run, with the expectation it was held against, its verdict and margin.</summary>
/// <param name="Name">What was measured, for example "TC1 residual at 500 degC".</param>
/// <param name="Expectation">The expectation in words, for example "|TC1_TEMP - dmm| <= 0.3 K".</param>
/// <param name="Margin">Distance to the nearest bound, positive inside.</param>
/// <param name="Evidence">The samples or window it looked at.</param>
public sealed record Measurement(
    string Step,
    string Name,
    double Value,
    string? Unit,
    string? Expectation,
    MeasurementVerdict Verdict,
    double? Margin,
    string? Evidence,
    DateTimeOffset RigTime)
{
    /// <summary>The evaluation behind the verdict, when an expectation evaluator made it.</summary>
    public Expectations.ExpectationResult? Result { get; init; }

    public static Measurement Of(string step, Expectations.ExpectationResult result, DateTimeOffset rigTime) =>
        new(step, result.Expectation, result.Measured, result.Unit, result.Message, result.Verdict switch
        {
            Expectations.Verdict.Pass => MeasurementVerdict.Pass,
            Expectations.Verdict.Marginal => MeasurementVerdict.Marginal,
            _ => MeasurementVerdict.Fail,
        }, double.IsNaN(result.Margin) ? null : result.Margin, result.Culprit, rigTime)
        {
            Result = result,
        };

    /// <summary>A value held against [low, high] (either may be open).</summary>
    public static Measurement Within(string step, string name, double value, string? unit, double? low, double? high, DateTimeOffset rigTime, string? evidence = null)
    {
        var (verdict, margin) = Expectations.Judge.Band(value, low, high);
        string expectation = (low, high) switch
        {
            ({ } l, { } h) => $"{l:G6} <= {name} <= {h:G6}",
            ({ } l, null) => $"{name} >= {l:G6}",
            (null, { } h) => $"{name} <= {h:G6}",
            _ => name,
        };
        return new Measurement(step, name, value, unit, expectation, verdict switch
        {
            Expectations.Verdict.Pass => MeasurementVerdict.Pass,
            Expectations.Verdict.Marginal => MeasurementVerdict.Marginal,
            _ => MeasurementVerdict.Fail,
        }, double.IsNaN(margin) || double.IsInfinity(margin) ? null : margin, evidence, rigTime);
    }
}
