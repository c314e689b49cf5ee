using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsocHil.Results;

/// <summary>
/// One INSERT or UPDATE of the archive's writer on SQLite's own prepared-statement API, bound by position (?1, ?2 …)
/// and reset after each execution, never re-prepared. The rows a run records most often (telemetry samples, and each
/// step's transition and step row) go through it: Microsoft.Data.Sqlite's binding (a name lookup per parameter per
/// execution) made the writer about six times slower than SQLite itself. A null string or a NaN is bound as NULL; a
/// time is bound as its archived text, formatted in place. Each execution binds every position again, so nothing of
/// the previous row is left to clear.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _path;

    public RawStatement(SqliteConnection connection, string path, string sql)
    {
        _db = connection.Handle!;
        _path = path;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public RawStatement Bind(int position, long value)
    {
        raw.sqlite3_bind_int64(_statement, position, value);
        return this;
    }

    public RawStatement Bind(int position, string? value)
    {
        _ = value is null ? raw.sqlite3_bind_null(_statement, position) : raw.sqlite3_bind_text(_statement, position, value);
        return this;
    }

    public RawStatement Bind(int position, double? value)
    {
        _ = value is { } v && !double.IsNaN(v) ? raw.sqlite3_bind_double(_statement, position, v) : raw.sqlite3_bind_null(_statement, position);
        return this;
    }

    /// <summary>Binds the time's archived text (<see cref="ArchiveTime.ToText"/>) without making a string of it.</summary>
    public RawStatement Bind(int position, DateTimeOffset? value)
    {
        if (value is not { } time)
        {
            raw.sqlite3_bind_null(_statement, position);
            return this;
        }

        Span<byte> text = stackalloc byte[ArchiveTime.TextLength];
        ArchiveTime.WriteUtf8(time, text);
        raw.sqlite3_bind_text(_statement, position, text);
        return this;
    }

    public void Execute()
    {
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
            throw new SqliteException($"{_path}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
