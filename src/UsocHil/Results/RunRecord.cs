namespace UsocHil.Results;

/// <summary>Everything the archive holds about one run, as read back: what exports, reports, comparison and the integrity hash are made from.</summary>
public sealed record RunRecord
{
    public required RunSummary Summary { get; init; }
    public IReadOnlyList<TransitionRecord> Transitions { get; init; } = [];
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];
    public IReadOnlyList<MeasurementRecord> Measurements { get; init; } = [];
    public IReadOnlyList<TelemetrySample> Telemetry { get; init; } = [];
    public IReadOnlyList<EventRecord> Events { get; init; } = [];
    public IReadOnlyList<CommandRecord> Commands { get; init; } = [];
    public IReadOnlyList<CalibrationProduct> Calibrations { get; init; } = [];

    public long Id => Summary.Id;

    /// <summary>The measurements that were held against an expectation, in the order they were recorded.</summary>
    public IEnumerable<MeasurementRecord> Verdicts => Measurements.Where(m => m.Expectation is not null);
}
