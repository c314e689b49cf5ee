namespace UsocHil.Results;

/// <summary>
/// An archived uncertainty budget: of a calibration point or of a judged value (<see cref="Kind"/>), named by
/// <see cref="Subject"/> (for a judged value, the name of its measurement row), with its components and the four
/// figures a certificate states.
/// </summary>
public sealed record BudgetRow
{
    public required DateTimeOffset Time { get; init; }
    public required string Subject { get; init; }
    public required string Kind { get; init; }
    public string? Unit { get; init; }
    public required double Combined { get; init; }

    /// <summary>ν_eff; <see cref="double.PositiveInfinity"/> when every component is Type B (stored as NULL).</summary>
    public required double EffectiveDegreesOfFreedom { get; init; }

    public required double CoverageFactor { get; init; }
    public required double Expanded { get; init; }
    public required double CoverageProbability { get; init; }
    public required IReadOnlyList<BudgetComponentRow> Components { get; init; }
}

/// <summary>One component of an archived budget: u(x_i), c_i, ν_i (infinite for Type B).</summary>
public sealed record BudgetComponentRow(string Name, double StandardUncertainty, double SensitivityCoefficient, double DegreesOfFreedom)
{
    public double Contribution => Math.Abs(SensitivityCoefficient) * StandardUncertainty;
}

/// <summary>One line of the verification matrix: a requirement, the measurement that verifies it and its verdict.</summary>
public sealed record RequirementRow(DateTimeOffset Time, string Requirement, string Measurement, string Verdict);
