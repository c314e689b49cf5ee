using Microsoft.Data.Sqlite;

namespace UsocHil.Results;

/// <summary>
/// A station archive's telemetry of one run, a row at a time, read with <see cref="RawQuery"/>: a push reads these rows
/// on one core while the centre's COPY takes the other, and Microsoft.Data.Sqlite's reader made the reading thread
/// about half as fast again. The rows, their order and their values are those <see cref="RunRecordReader"/> reads.
/// </summary>
internal static class TelemetryRowStream
{
    public static IEnumerable<TelemetryRow> Rows(SqliteConnection c, long runId, Func<Dictionary<long, string>> readNames)
    {
        Dictionary<long, string> names = readNames();
        using var query = new RawQuery(c, $"SELECT time_us, parameter_id, value FROM telemetry WHERE run_id = @run ORDER BY {RecordTables.Station.TelemetryOrder}").Bind(1, runId);
        while (query.Read())
        {
            yield return new TelemetryRow(ArchiveTime.FromMicroseconds(query.Int64(0)), names[query.Int64(1)], query.RealOrNaN(2));
        }
    }
}
