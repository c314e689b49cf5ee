namespace UsocHil.Results;

/// <summary>
/// A run's telemetry read a row at a time in recorded order, with the names of the parameters it holds known before
/// the first row: what copies a long run elsewhere without holding it in memory.
/// </summary>
public sealed record TelemetryStream(IReadOnlyList<string> Parameters, IEnumerable<TelemetryRow> Rows);
