using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsocHil.Results;

/// <summary>
/// The telemetry INSERT on SQLite's own prepared-statement API: bound by position and reset, never re-prepared. Measured
/// here, Microsoft.Data.Sqlite's parameter binding (a name lookup per parameter per execution) made the writer about six
/// times slower than SQLite itself, short of the 200,000 samples/s telemetry needs.
/// </summary>
internal sealed class TelemetryStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _path;

    public TelemetryStatement(SqliteConnection connection, string path)
    {
        _db = connection.Handle!;
        _path = path;
        Check(raw.sqlite3_prepare_v2(_db, "INSERT INTO telemetry(run_id, time_us, parameter_id, value) VALUES (?1, ?2, ?3, ?4)", out _statement));
    }

    public void Insert(long runId, long timeMicroseconds, long parameterId, double value)
    {
        raw.sqlite3_bind_int64(_statement, 1, runId);
        raw.sqlite3_bind_int64(_statement, 2, timeMicroseconds);
        raw.sqlite3_bind_int64(_statement, 3, parameterId);
        if (double.IsNaN(value))
        {
            raw.sqlite3_bind_null(_statement, 4);
        }
        else
        {
            raw.sqlite3_bind_double(_statement, 4, value);
        }

        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            Check(rc);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE)
        {
            throw new SqliteException($"{_path}: telemetry insert failed: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
