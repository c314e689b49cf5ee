using UsocHil.Uncertainty;

namespace UsocHil.Expectations;

/// <summary>
/// The one result every check yields and the archive, the reports, JUnit and the monitor keep whole.
/// One evaluation of one expectation: what was measured, the bounds it was held against, the verdict and the margin.
/// <see cref="Low"/>/<see cref="High"/> are the nominal (pass) bounds; <see cref="HardLow"/>/<see cref="HardHigh"/>, where
/// present, the wider bounds between marginal and fail. <see cref="Margin"/> is the distance from <see cref="Measured"/>
/// to the nearest nominal bound: positive inside, negative outside.
/// </summary>
public sealed record JudgedResult
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

    /// <summary>The expanded uncertainty of <see cref="Measured"/>, where a budget or a declared U stands behind it.</summary>
    public ExpandedUncertainty? Uncertainty { get; init; }

    /// <summary>The decision rule that made the verdict from the value and its uncertainty; null for a bare comparison.</summary>
    public DecisionRule? DecisionRule { get; init; }

    /// <summary>The requirement this verdict verifies (an identifier such as "FUR-TC-003"), where the check names one.</summary>
    public string? Requirement { get; init; }

    public bool Passed => !Verdict.IsFailing();

    /// <summary>True when a verdict was made (a plain recorded value has <see cref="Verdict.NotSet"/>).</summary>
    public bool IsJudged => Verdict != Verdict.NotSet;

    /// <summary>A value recorded without an expectation: no bounds, no verdict.</summary>
    public static JudgedResult Recorded(string name, double value, string? unit, string? note = null) => new()
    {
        Expectation = name,
        Parameters = [],
        Verdict = Verdict.NotSet,
        Measured = value,
        Unit = unit,
        Margin = double.NaN,
        Message = note ?? "",
    };

    /// <summary>
    /// <paramref name="value"/> of <paramref name="parameters"/> held against [low, high] (either may be open); the
    /// evidence is the samples behind the value or, when there is no window, the value itself.
    /// </summary>
    public static JudgedResult Within(string name, IReadOnlyList<string> parameters, double value, string? unit, double? low, double? high,
        Evidence? evidence = null, string? note = null)
    {
        var (verdict, margin) = Judge.Band(value, low, high);
        return new JudgedResult
        {
            Expectation = name,
            Parameters = parameters,
            Verdict = verdict,
            Measured = value,
            Unit = unit,
            Low = low,
            High = high,
            Margin = double.IsInfinity(margin) ? double.NaN : margin,
            Message = note is null ? Judge.Words(name, low, high, unit) : $"{Judge.Words(name, low, high, unit)}; {note}",
            Evidence = evidence is { Count: > 0 } e ? e : Evidence.Of(0, value),
        };
    }

    /// <summary>
    /// A yes/no check of <paramref name="parameters"/> (bits set, a value read back): pass or fail, no margin; where the
    /// check wants one value (a read-back) it is both bounds.
    /// </summary>
    public static JudgedResult Holds(string name, IReadOnlyList<string> parameters, double value, string? unit, bool holds, string expectation, double? expected = null) => new()
    {
        Low = expected,
        High = expected,
        Expectation = name,
        Parameters = parameters,
        Verdict = holds ? Verdict.Pass : Verdict.Fail,
        Measured = value,
        Unit = unit,
        Margin = double.NaN,
        Message = expectation,
        Evidence = Evidence.Of(0, value),
    };
}
