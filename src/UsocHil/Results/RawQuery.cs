using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace UsocHil.Results;

/// <summary>
/// One SELECT on SQLite's own statement API, the reading counterpart of <see cref="RawStatement"/>: a run's seal reads
/// back every transition and step, and Microsoft.Data.Sqlite's reader (a handle reference taken and released on each
/// call, every text column made a string) cost the seal more than hashing them. Text columns are read as UTF-8 and
/// decoded as Microsoft.Data.Sqlite decodes them; a column whose few values repeat from row to row (a state, a kind, an
/// outcome) is made a string once per value. Runs inside whatever transaction the connection has open.
/// </summary>
internal sealed class RawQuery : IDisposable
{
    private const int MaxRepeatedValues = 16;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private readonly string _path;
    private readonly List<(byte[] Utf8, string Text)>?[] _repeated;

    public RawQuery(SqliteConnection connection, string sql)
    {
        _db = connection.Handle!;
        _path = connection.DataSource;
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
        _repeated = new List<(byte[] Utf8, string Text)>?[raw.sqlite3_column_count(_statement)];
    }

    public RawQuery Bind(int position, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, position, value));
        return this;
    }

    /// <summary>Moves to the next row; false after the last.</summary>
    public bool Read()
    {
        int rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc);
        return false;
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;

    /// <summary>As <see cref="SqliteDataReader.GetInt32"/>: a value past 32 bits overflows.</summary>
    public int Int32(int column) => checked((int)Int64(column));

    public long Int64(int column)
    {
        RequireValue(column);
        return raw.sqlite3_column_int64(_statement, column);
    }

    /// <summary>A number as the archive keeps it: NULL (no value) as NaN.</summary>
    public double RealOrNaN(int column) => IsNull(column) ? double.NaN : raw.sqlite3_column_double(_statement, column);

    /// <summary>The column's text as stored (valid only until the next call on this query).</summary>
    public ReadOnlySpan<byte> Utf8(int column)
    {
        // A NULL reads as no bytes: the column's type is asked (one more call into SQLite) only then.
        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_statement, column);
        if (utf8.IsEmpty)
        {
            RequireValue(column);
        }

        return utf8;
    }

    public string Text(int column) => Encoding.UTF8.GetString(Utf8(column));

    public string? TextOrNull(int column)
    {
        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_statement, column);
        return utf8.IsEmpty && IsNull(column) ? null : Encoding.UTF8.GetString(utf8);
    }

    /// <summary>As <see cref="Text"/>, for a column with few distinct values: each is made a string once.</summary>
    public string RepeatedText(int column) => Repeated(column, Utf8(column));

    public string? RepeatedTextOrNull(int column)
    {
        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_statement, column);
        return utf8.IsEmpty && IsNull(column) ? null : Repeated(column, utf8);
    }

    public DateTimeOffset Time(int column) => ArchiveTime.Parse(Utf8(column));

    public DateTimeOffset? TimeOrNull(int column)
    {
        ReadOnlySpan<byte> utf8 = raw.sqlite3_column_blob(_statement, column);
        return utf8.IsEmpty && IsNull(column) ? null : ArchiveTime.Parse(utf8);
    }

    private string Repeated(int column, ReadOnlySpan<byte> utf8)
    {
        List<(byte[] Utf8, string Text)> values = _repeated[column] ??= [];
        foreach ((byte[] known, string text) in values)
        {
            if (utf8.SequenceEqual(known))
            {
                return text;
            }
        }

        string made = Encoding.UTF8.GetString(utf8);
        if (values.Count < MaxRepeatedValues)
        {
            values.Add((utf8.ToArray(), made));
        }

        return made;
    }

    /// <summary>A NULL where a value is required is read as Microsoft.Data.Sqlite's reader reads it: refused.</summary>
    private void RequireValue(int column)
    {
        if (IsNull(column))
        {
            throw new InvalidOperationException($"{_path}: the data is NULL at ordinal {column}; this method can't be called on NULL values");
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
        {
            throw new SqliteException($"{_path}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
        }
    }

    public void Dispose() => _statement.Dispose();
}
