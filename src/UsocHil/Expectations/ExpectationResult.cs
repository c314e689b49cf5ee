namespace UsocHil.Expectations;

/// <summary>
/// One evaluation of one expectation: what was measured, the bounds it was held against, the verdict and the margin.
/// <see cref="Low"/>/<see cref="High"/> are the nominal (pass) bounds; <see cref="HardLow"/>/<see cref="HardHigh"/>, where
/// present, the wider bounds between marginal and fail. <see cref="Margin"/> is the distance from <see cref="Measured"/>
/// to the nearest nominal bound: positive inside, negative outside.
/// </summary>
public sealed record ExpectationResult
{
    public required string Expectation { get; init; }
    public required IReadOnlyList<string> Parameters { get; init; }
    public required Verdict Verdict { get; init; }
    public required double Measured { get; init; }
    public string? Unit { get; init; }
    public double? Low { get; init; }
    public double? High { get; init; }
    public double? HardLow { get; init; }
    public double? HardHigh { get; init; }
    public required double Margin { get; init; }

    /// <summary>The parameter that made the verdict fail, where one can be singled out (a disagreeing sensor).</summary>
    public string? Culprit { get; init; }

    public string Message { get; init; } = "";
    public Evidence Evidence { get; init; } = Evidence.Empty;

    public bool Passed => Verdict != Verdict.Fail;
}
