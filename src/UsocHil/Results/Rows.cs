using UsocHil.Expectations;

namespace UsocHil.Results;

// The archive's rows: what a run left, as stored. Named as rows so that none shares a name with the engine type it records.

/// <summary>One state machine transition of a run.</summary>
public sealed record TransitionRow(DateTimeOffset Time, string From, string To, string Trigger);

/// <summary>One step of a run; <see cref="Ended"/> and <see cref="Outcome"/> are null while it runs (or if the run was cut short).</summary>
public sealed record StepRow(int Index, string Name, string Kind, DateTimeOffset Started, DateTimeOffset? Ended, string? Outcome, string? Message);

/// <summary>
/// A measured value and, when a check judged it, the whole <see cref="JudgedResult"/> (parameters, nominal and hard
/// bounds, margin, evidence, verdict, unit) exactly as the check made it; null for a value recorded without a verdict.
/// </summary>
public sealed record MeasurementRow(DateTimeOffset Time, int? StepIndex, string Name, double Value, string? Unit, JudgedResult? Judged);

/// <summary>One telemetry sample as archived.</summary>
public readonly record struct TelemetryRow(DateTimeOffset Time, string Parameter, double Value);

/// <summary>A PUS service 5 event (or a harness event) during a run.</summary>
public sealed record EventRow(DateTimeOffset Time, int Id, string Name, string Severity, string? Data);

/// <summary>A telecommand and its service 1 verification.</summary>
public sealed record CommandRow
{
    public required DateTimeOffset Time { get; init; }
    public required string Name { get; init; }
    public int Service { get; init; }
    public int Subtype { get; init; }
    public int? SequenceCount { get; init; }
    public DateTimeOffset? Accepted { get; init; }
    public DateTimeOffset? Completed { get; init; }
    public int? FailureCode { get; init; }
    public string? Failure { get; init; }
}

/// <summary>One point of a calibration fit: the sensor's raw reading, the reference instrument's value and the fit's residual there.</summary>
public readonly record struct CalibrationPoint(double Raw, double Reference, double Residual);

/// <summary>A fitted calibration of one sensor: coefficients (c0 + c1 x + c2 x² …) with their standard uncertainties.</summary>
public sealed record CalibrationRow
{
    public required string Sensor { get; init; }
    public string Model { get; init; } = "polynomial";
    public required IReadOnlyList<double> Coefficients { get; init; }
    public IReadOnlyList<double> Uncertainties { get; init; } = [];
    public double ResidualRms { get; init; }
    public double RSquared { get; init; }
    public IReadOnlyList<CalibrationPoint> Points { get; init; } = [];
}
