using Microsoft.Data.Sqlite;
using UsocHil.Sealing;

namespace UsocHil.Results;

/// <summary>
/// Signs each seal with the station's key (in <c>station-key/</c> beside the archive, created on first use) and,
/// once the seal is committed, appends the new chain head to the archive's anchor. It also keeps new runs clear of
/// what the anchor and stray rows already claim: a new run never takes the id of a run the anchor records, nor an id
/// that rows were planted for, so nothing planted is ever sealed into a real run.
/// </summary>
internal sealed class RunSealer(string archivePath) : IDisposable
{
    private static readonly string[] RowTables = ["transitions", "steps", "measurements", "telemetry", "events", "commands", "calibrations", "uncertainty_budgets", "requirement_verdicts", PacketTable.Name];

    private StationKey? _key;

    public AnchorFile Anchor { get; } = AnchorFile.Beside(archivePath);

    public string KeyDirectory { get; } = StationKey.DirectoryIn(Path.GetDirectoryName(archivePath)!);

    /// <summary>Loads (or creates) the station key now, so a key that cannot be used stops a run before the rig is touched.</summary>
    public StationKey Key() => _key ??= StationKey.LoadOrCreate(KeyDirectory);

    /// <summary>The seal sequence number below which the next seal may not go: the anchor's head.</summary>
    public long SealFloor() => Anchor.Head().Sequence;

    /// <summary>The id for a new run: past every run, every run the anchor records and every row's run id.</summary>
    public long NextRunId(SqliteConnection c, SqliteTransaction tx)
    {
        long highest = Anchor.Head().RunId;
        foreach (string table in RowTables.Prepend("runs"))
        {
            using var query = c.CreateCommand();
            query.Transaction = tx;
            query.CommandText = table == "runs" ? "SELECT max(id) FROM runs" : $"SELECT max(run_id) FROM {table}";
            if (query.ExecuteScalar() is long id)
            {
                highest = Math.Max(highest, id);
            }
        }

        return highest + 1;
    }

    /// <summary>The runs the anchor records as sealed, with their seal numbers.</summary>
    public ILookup<long, long> AnchoredSeals() =>
        (Anchor.Exists ? Anchor.Read() : []).OfType<AnchorEntry>().ToLookup(e => e.RunId, e => e.Sequence);

    /// <summary>Signs the seal of <paramref name="runId"/> (already numbered and hashed) and stores the signature; returns the anchor line to append after commit.</summary>
    public AnchorEntry Sign(SqliteConnection c, SqliteTransaction tx, long runId, string recordHash)
    {
        using var command = c.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT seal_seq, rig FROM runs WHERE id = $run";
        command.Parameters.AddWithValue("$run", runId);
        long sequence;
        string rig;
        using (SqliteDataReader r = command.ExecuteReader())
        {
            r.Read();
            sequence = r.GetInt64(0);
            rig = r.GetString(1);
        }

        string signature = Key().Sign(new SealStatement(sequence, runId, recordHash));
        command.CommandText = "UPDATE runs SET seal_signature = $signature WHERE id = $run";
        command.Parameters.AddWithValue("$signature", signature);
        command.ExecuteNonQuery();
        return new AnchorEntry(sequence, runId, rig, recordHash, signature);
    }

    public void Dispose() => _key?.Dispose();
}
