namespace UsocHil.Results;

/// <summary>
/// A run's telemetry read a row at a time in recorded order, with every parameter name its rows may hold known before
/// the first row (the archive's names: the run's own and maybe others), and its raw packets likewise: what copies a
/// long run elsewhere without holding it in memory. Read the rows before the packets (one reader at a time on the
/// store's connection).
/// </summary>
public sealed record TelemetryStream(IReadOnlyList<string> Parameters, IEnumerable<TelemetryRow> Rows, IEnumerable<PacketRow> Packets);
