namespace UsocHil.Results;

/// <summary>
/// Where a run's rows are read from: the station's archive, or the central archive, which keeps the same tables with
/// the station and the station's run id beside each run, and orders telemetry by an explicit column.
/// </summary>
internal sealed record RecordTables(bool Central, string TelemetryOrder)
{
    public static readonly RecordTables Station = new(Central: false, TelemetryOrder: "rowid");

    public static readonly RecordTables Centre = new(Central: true, TelemetryOrder: "seq");
}
