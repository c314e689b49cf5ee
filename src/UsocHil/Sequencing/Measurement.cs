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
    DateTimeOffset RigTime);
