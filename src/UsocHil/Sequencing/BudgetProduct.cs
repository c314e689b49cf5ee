using UsocHil.Uncertainty;

namespace UsocHil.Sequencing;

/// <summary>
/// An uncertainty budget a step produced: for a calibration point (<see cref="BudgetKinds.CalibrationPoint"/>,
/// subject "TC1 at 200 degC") or for a judged value (<see cref="BudgetKinds.Judged"/>, subject the judged result's name).
/// </summary>
public sealed record BudgetProduct(string Subject, string Kind, UncertaintyBudget Budget, DateTimeOffset RigTime);

/// <summary>What a <see cref="BudgetProduct"/> is the budget of.</summary>
public static class BudgetKinds
{
    public const string CalibrationPoint = "calibration-point";

    public const string Judged = "judged";
}
