namespace UsocHil.Results;

/// <summary>Everything the archive holds about one run, as read back: what exports, reports, comparison and the integrity hash are made from.</summary>
public sealed record RunRecord
{
    public required RunSummary Summary { get; init; }
    public IReadOnlyList<TransitionRow> Transitions { get; init; } = [];
    public IReadOnlyList<StepRow> Steps { get; init; } = [];
    public IReadOnlyList<MeasurementRow> Measurements { get; init; } = [];
    public IReadOnlyList<TelemetryRow> Telemetry { get; init; } = [];
    public IReadOnlyList<EventRow> Events { get; init; } = [];
    public IReadOnlyList<CommandRow> Commands { get; init; } = [];
    public IReadOnlyList<CalibrationRow> Calibrations { get; init; } = [];
    public IReadOnlyList<BudgetRow> Budgets { get; init; } = [];

    /// <summary>The verification matrix: which requirement each verdict verifies.</summary>
    public IReadOnlyList<RequirementRow> Requirements { get; init; } = [];

    /// <summary>Every space packet the payload link carried during the run, in the order it crossed.</summary>
    public IReadOnlyList<PacketRow> Packets { get; init; } = [];

    public long Id => Summary.Id;

    /// <summary>The measurements that were held against an expectation, in the order they were recorded.</summary>
    public IEnumerable<MeasurementRow> Verdicts => Measurements.Where(m => m.Judged is not null);
}
