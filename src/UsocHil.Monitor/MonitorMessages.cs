namespace UsocHil.Monitor;

// The JSON the page receives (camelCase). Times are rig seconds since the run started; NaN becomes null.

internal sealed record RunInfoDto(string Rig, string Sequence, string Version, int StepCount, string StartedRig);

internal sealed record TransitionDto(string From, string To, string Trigger, double T, string? Reason);

internal sealed record StepDto(string Path, int Index, int Count, string Kind, string Label, double T, bool TopLevel)
{
    public double? End { get; set; }
    public string? Status { get; set; }
    public string? Detail { get; set; }
}

/// <summary>A judged result as the page shows it: the same parameters, bounds, margin, evidence and verdict the archive keeps.</summary>
internal sealed record MeasurementDto(
    string Step,
    string Name,
    IReadOnlyList<string> Parameters,
    double? Value,
    string? Unit,
    string? Expectation,
    string Verdict,
    double? Margin,
    double? Low,
    double? High,
    double? HardLow,
    double? HardHigh,
    string? Culprit,
    EvidenceDto Evidence,
    double T);

/// <summary>The samples behind a verdict (seconds into its window, value); a missing value is null.</summary>
internal sealed record EvidenceDto(IReadOnlyList<double?> Seconds, IReadOnlyList<double?> Values);

internal sealed record EventDto(string Source, string Severity, string Message, double T);

internal sealed record CommandDto(string Command, IReadOnlyDictionary<string, double> Arguments, bool Succeeded, double? AcceptanceMs, double? CompletionMs, string? Failure, double T);

internal sealed record CalibrationDto(string Name, string Sensor, IReadOnlyList<double> Coefficients, IReadOnlyList<double> Uncertainties, double? RSquared, double T);

internal sealed record LinkDto(string Name, long Frames, long FramingErrors, long Reconnects, long BytesIn, long BytesOut, string? LastError);

internal sealed record FinishedDto(string FinalState, string Outcome, string? Reason, double RigSeconds);

/// <summary>A rig limit as the page draws it: bands (or none), a delta limit (or none), and when it applies (always when null).</summary>
internal sealed record LimitDto(string Parameter, IReadOnlyList<double>? Yellow, IReadOnlyList<double>? Red, DeltaLimitDto? Delta = null, LimitConditionDto? When = null);

internal sealed record DeltaLimitDto(double Yellow, double Red, string Per);

internal sealed record LimitConditionDto(string Parameter, double EqualTo);

internal readonly record struct TelemetryPointDto(string P, double T, double? V);

internal sealed record TraceDto(List<double> T, List<double?> V);

/// <summary>Everything a page needs to draw the run as it stands: sent first on every connection and after a resync.</summary>
internal sealed record SnapshotDto(
    string Id,
    bool Live,
    RunInfoDto? Run,
    string State,
    FinishedDto? Finished,
    StateGraph Graph,
    IReadOnlyList<LimitDto> Limits,
    IReadOnlyList<StepDto> Steps,
    IReadOnlyList<TransitionDto> Transitions,
    IReadOnlyDictionary<string, TraceDto> Telemetry,
    IReadOnlyList<MeasurementDto> Measurements,
    IReadOnlyList<EventDto> Events,
    IReadOnlyList<CommandDto> Commands,
    IReadOnlyList<CalibrationDto> Calibrations,
    IReadOnlyList<LinkDto> Links,
    bool AbortAvailable);
