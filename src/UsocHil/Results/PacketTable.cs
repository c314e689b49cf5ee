using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace UsocHil.Results;

/// <summary>
/// The raw packet archive's table, in the station archive and (same columns) the central one. It is created by
/// <c>CREATE TABLE IF NOT EXISTS</c> at every migration rather than by a numbered schema step, so an archive written
/// before it existed is read as a run with no packets, and the step stays clear of other tables added beside it.
/// </summary>
internal static class PacketTable
{
    public const string Name = "packets";

    public const string SqliteDefinition = """
        CREATE TABLE IF NOT EXISTS packets(id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id),
            received_us INTEGER NOT NULL, onboard_us INTEGER, direction TEXT NOT NULL CHECK (direction IN ('in','out')),
            apid INTEGER NOT NULL, sequence_count INTEGER NOT NULL, error_control_ok INTEGER NOT NULL, octets BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS packets_run ON packets(run_id);
        """;

    public const string InsertSql =
        "INSERT INTO packets(run_id, received_us, onboard_us, direction, apid, sequence_count, error_control_ok, octets) VALUES ($a, $b, $c, $d, $e, $f, $g, $h)";

    public static void Create(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SqliteDefinition;
        command.ExecuteNonQuery();
    }

    /// <summary>The table's name when the archive has it (one written before the raw packet archive has not).</summary>
    public static IEnumerable<string> IfPresent(DbConnection c, DbTransaction? tx, RecordTables? tables = null)
    {
        using var query = c.CreateCommand();
        query.Transaction = tx;
        query.CommandText = tables?.Central == true
            ? "SELECT count(*) FROM information_schema.tables WHERE table_name = 'packets' AND table_schema = current_schema()"
            : "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'packets'";
        return Convert.ToInt64(query.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0 ? [Name] : [];
    }

    public static object?[] Values(long runId, PacketRow p) =>
    [
        runId, ArchiveTime.ToMicroseconds(p.Received), p.Onboard is { } o ? ArchiveTime.ToMicroseconds(o) : null,
        p.DirectionText, p.Apid, p.SequenceCount, p.ErrorControlGood ? 1 : 0, p.Octets,
    ];

    /// <summary>The run's packets in the order they crossed the link (none from an archive without the table).</summary>
    public static List<PacketRow> Read(DbConnection c, DbTransaction? tx, long runId, RecordTables tables) => [.. Stream(c, tx, runId, tables)];

    /// <summary>As <see cref="Read"/>, a packet at a time while the caller consumes them: a long run's packets are never in memory whole.</summary>
    public static IEnumerable<PacketRow> Stream(DbConnection c, DbTransaction? tx, long runId, RecordTables tables)
    {
        if (!IfPresent(c, tx, tables).Any())
        {
            yield break;
        }

        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT received_us, onboard_us, direction, apid, sequence_count, error_control_ok, octets FROM packets WHERE run_id = @run ORDER BY id";
        DbParameter run = command.CreateParameter();
        run.ParameterName = "@run";
        run.Value = runId;
        command.Parameters.Add(run);
        using DbDataReader r = command.ExecuteReader();
        while (r.Read())
        {
            yield return new PacketRow(
                ArchiveTime.FromMicroseconds(r.GetInt64(0)),
                r.IsDBNull(1) ? null : ArchiveTime.FromMicroseconds(r.GetInt64(1)),
                PacketRow.ParseDirection(r.GetString(2)),
                r.GetInt32(3),
                r.GetInt32(4),
                r.GetInt32(5) != 0,
                (byte[])r.GetValue(6));
        }
    }
}
