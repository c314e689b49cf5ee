using UsocHil.Rigs;

namespace UsocHil.Sequencing;

/// <summary>
/// Everything a run reports while it happens: the recorder, the progress display and the tests listen here.
/// Every member has an empty default so an observer implements only what it needs. Calls come from the run's
/// thread or the rig session's reader; implementations must be quick and must not throw.
/// </summary>
public interface IRunObserver
{
    void OnRunStarted(RunStart start) { }

    void OnTransition(RunTransition transition) { }

    void OnStepStarted(StepProgress step) { }

    void OnStepFinished(StepProgress step, StepStatus status, string? detail) { }

    void OnMeasurement(Measurement measurement) { }

    void OnTelemetry(TelemetrySample sample) { }

    void OnEvent(RunEvent runEvent) { }

    void OnCommand(CommandRecord command) { }

    void OnCalibration(CalibrationProduct product) { }

    void OnBudget(BudgetProduct budget) { }

    /// <summary>The unit under test named itself (its serial, read from it): the run's record names it.</summary>
    void OnUnitIdentified(string serial, DateTimeOffset rigTime) { }

    void OnRunFinished(RunResult result) { }
}

/// <summary>A run begins: which sequence, how many top-level steps, on which rig.</summary>
public sealed record RunStart(string Rig, string Sequence, string Version, string? SequenceHash, int StepCount, DateTimeOffset RigTime);

/// <summary>A step, placed in its run: <paramref name="Path"/> is "3" for the third top-level step, "3.2" inside a sweep.</summary>
public sealed record StepProgress(string Path, int Index, int Count, string Kind, string Label, DateTimeOffset RigTime);

public enum StepStatus
{
    Passed,
    Failed,
    Skipped,
    Cancelled,
}

/// <summary>Something the operator should know: an alarm, a refused abort, a device event, a safing action.</summary>
public sealed record RunEvent(string Source, string Severity, string Message, DateTimeOffset RigTime);

/// <summary>A calibration product: a fitted curve for one sensor, with uncertainties and residuals.</summary>
public sealed record CalibrationProduct(
    string Name,
    string Sensor,
    IReadOnlyList<double> Coefficients,
    IReadOnlyList<double> StandardUncertainties,
    IReadOnlyList<double> X,
    IReadOnlyList<double> Y,
    IReadOnlyList<double> Residuals,
    double RSquared,
    DateTimeOffset RigTime);
