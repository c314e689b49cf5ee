using Microsoft.Data.Sqlite;
using UsocHil.Sealing;

namespace UsocHil.Results;

/// <summary>
/// Checks an archive against itself, its anchor and the station's public key, reading only: each sealed run's record
/// hash, chain link and signature; each anchor line against the archive (a seal missing from the archive is a
/// truncated tail or a deleted run, a run the anchor holds sealed but the archive does not is re-opened); each
/// unsealed run; each row that belongs to no run. It goes on past the first damage so later tampering is not masked.
/// </summary>
internal static class ChainVerifier
{
    private static readonly string[] RowTables = ["transitions", "steps", "measurements", "telemetry", "events", "commands", "calibrations", "uncertainty_budgets", "requirement_verdicts"];

    public static ChainVerification Verify(SqliteConnection c, SqliteTransaction? tx, string archivePath, ChainEvidence evidence, CancellationToken cancellationToken)
    {
        List<RunSummary> runs = RunRecordReader.Summaries(c, tx);
        Dictionary<long, (string? Signature, string? Owner)> seals = SealColumns(c, tx);
        AnchorFile anchorFile = evidence.Anchor(archivePath);
        if (evidence.AnchorNamed && !anchorFile.Exists)
        {
            throw new SealingException(anchorFile.Path, "no anchor here");
        }

        IReadOnlyList<AnchorEntry?>? anchor = anchorFile.Exists ? anchorFile.Read() : null;
        List<RunSummary> sealedRuns = [.. runs.Where(r => r.SealSequence is not null).OrderBy(r => r.SealSequence)];
        using SealPublicKey? key = sealedRuns.Count > 0 || anchor is { Count: > 0 } ? SealPublicKey.Load(evidence.PublicKey(archivePath)) : null;
        var damage = new List<RunDamage>();
        if (anchor is null && sealedRuns.Count > 0)
        {
            damage.Add(new RunDamage(0, $"anchor {anchorFile.Path} is missing: a truncated tail or an emptied archive cannot be ruled out"));
        }

        Dictionary<long, AnchorEntry> anchoredBySeal = (anchor ?? []).OfType<AnchorEntry>().GroupBy(e => e.Sequence).ToDictionary(g => g.Key, g => g.Last());
        var lastHashByRig = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (RunSummary run in sealedRuns)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long seal = run.SealSequence!.Value;
            if (run.PreviousHash != lastHashByRig.GetValueOrDefault(run.Header.Rig))
            {
                damage.Add(new RunDamage(run.Id, "its previous-run hash does not match the rig's preceding sealed run (a run before it was altered, removed or re-sealed)"));
            }

            lastHashByRig[run.Header.Rig] = run.RecordHash;
            if (Recomputed(c, tx, run.Id) is { } unreadable && unreadable != run.RecordHash)
            {
                damage.Add(new RunDamage(run.Id, unreadable.StartsWith("its ", StringComparison.Ordinal) ? unreadable : "its record was altered after it was sealed (hash mismatch)"));
            }

            string? signature = seals.GetValueOrDefault(run.Id).Signature;
            if (signature is null)
            {
                damage.Add(new RunDamage(run.Id, "its seal carries no signature"));
            }
            else if (!key!.Verifies(new SealStatement(seal, run.Id, run.RecordHash ?? ""), signature))
            {
                damage.Add(new RunDamage(run.Id, "its seal's signature does not verify against the station's public key: re-sealed without the station's key"));
            }

            if (anchor is null)
            {
                continue;
            }

            if (!anchoredBySeal.TryGetValue(seal, out AnchorEntry? entry))
            {
                damage.Add(new RunDamage(run.Id, $"its seal {seal} is not in the anchor"));
            }
            else if (entry.RunId != run.Id || entry.RecordHash != run.RecordHash)
            {
                damage.Add(new RunDamage(run.Id, $"its seal {seal} differs from the anchor's (run {entry.RunId}, hash {Short(entry.RecordHash)}): rewritten"));
            }
        }

        var stillRecording = new List<long>();
        foreach (RunSummary run in runs.Where(r => r.SealSequence is null))
        {
            if (run.Outcome != ArchivedOutcome.Running)
            {
                damage.Add(new RunDamage(run.Id, $"it is recorded as {run.Outcome.ToText()} but was never sealed"));
            }
            else if (WriterLock.IsHeld(archivePath, seals.GetValueOrDefault(run.Id).Owner))
            {
                stillRecording.Add(run.Id);
            }
            else
            {
                damage.Add(new RunDamage(run.Id, "it is recorded as running but no writer holds its lock: cut short, or forged (not sealed)"));
            }
        }

        CheckAnchor(anchor, anchorFile.Path, key, runs, sealedRuns, damage);
        CheckStrayRows(c, tx, runs, damage);
        return new ChainVerification(sealedRuns.Count, Merge(damage), stillRecording);
    }

    private static void CheckAnchor(IReadOnlyList<AnchorEntry?>? anchor, string path, SealPublicKey? key, List<RunSummary> runs, List<RunSummary> sealedRuns, List<RunDamage> damage)
    {
        var sealedInArchive = sealedRuns.Select(r => r.SealSequence!.Value).ToHashSet();
        long lastSealInArchive = sealedInArchive.Count == 0 ? 0 : sealedInArchive.Max();
        Dictionary<long, RunSummary> byId = runs.ToDictionary(r => r.Id);
        int line = 0;
        foreach (AnchorEntry? entry in anchor ?? [])
        {
            line++;
            if (entry is null)
            {
                damage.Add(new RunDamage(0, $"anchor {path} line {line} is not an anchor line (edited or damaged)"));
            }
            else if (!key!.Verifies(entry.Statement, entry.Signature))
            {
                damage.Add(new RunDamage(entry.RunId, $"anchor line {line} (seal {entry.Sequence}) does not verify against the station's public key: the anchor was edited"));
            }
            else if (!sealedInArchive.Contains(entry.Sequence))
            {
                string sealedAs = $"the anchor records it sealed as seal {entry.Sequence} (hash {Short(entry.RecordHash)})";
                damage.Add(new RunDamage(entry.RunId, byId.GetValueOrDefault(entry.RunId) switch
                {
                    null when runs.Count == 0 => $"{sealedAs} but it is missing from the archive: the archive was emptied",
                    null when entry.Sequence > lastSealInArchive => $"{sealedAs} but it is missing from the archive: the archive's tail was truncated",
                    null => $"{sealedAs} but it is missing from the archive: deleted",
                    { SealSequence: null } r => $"{sealedAs} but the archive has it unsealed ({r.Outcome.ToText()}): re-opened",
                    { } r => $"{sealedAs} but the archive has it as seal {r.SealSequence}: re-sealed",
                }));
            }
        }
    }

    /// <summary>Rows whose run is not in the archive: planted for a future run, or left behind by a deleted one.</summary>
    private static void CheckStrayRows(SqliteConnection c, SqliteTransaction? tx, List<RunSummary> runs, List<RunDamage> damage)
    {
        long lastRun = runs.Count == 0 ? 0 : runs.Max(r => r.Id);
        var stray = new SortedDictionary<long, (long Rows, SortedSet<string> Tables)>();
        foreach (string table in RowTables.Concat(PacketTable.IfPresent(c, tx)))
        {
            using var query = c.CreateCommand();
            query.Transaction = tx;
            query.CommandText = $"SELECT t.run_id, count(*) FROM {table} t LEFT JOIN runs r ON r.id = t.run_id WHERE r.id IS NULL GROUP BY t.run_id";
            using SqliteDataReader r = query.ExecuteReader();
            while (r.Read())
            {
                long run = r.GetInt64(0);
                (long rows, SortedSet<string> tables) = stray.GetValueOrDefault(run, (0, new SortedSet<string>(StringComparer.Ordinal)));
                tables.Add(table);
                stray[run] = (rows + r.GetInt64(1), tables);
            }
        }

        foreach ((long run, (long rows, SortedSet<string> tables)) in stray)
        {
            damage.Add(new RunDamage(run, $"{rows} row(s) in {string.Join(", ", tables)} belong to no run in the archive: " +
                (run > lastRun ? "planted for a future run" : "planted, or left by a deleted run")));
        }
    }

    /// <summary>The recomputed hash, or what makes the record unreadable (starting "its ").</summary>
    private static string? Recomputed(SqliteConnection c, SqliteTransaction? tx, long runId)
    {
        try
        {
            return RunRecordReader.Hash(c, tx, runId);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidCastException or SqliteException or OverflowException)
        {
            return $"its record can no longer be read: {e.Message}";
        }
    }

    private static Dictionary<long, (string? Signature, string? Owner)> SealColumns(SqliteConnection c, SqliteTransaction? tx)
    {
        using var query = c.CreateCommand();
        query.Transaction = tx;
        query.CommandText = "SELECT count(*) FROM pragma_table_info('runs') WHERE name = 'seal_signature'";
        bool signed = (long)query.ExecuteScalar()! > 0;
        query.CommandText = signed ? "SELECT id, seal_signature, owner FROM runs" : "SELECT id, NULL, owner FROM runs";
        var columns = new Dictionary<long, (string?, string?)>();
        using SqliteDataReader r = query.ExecuteReader();
        while (r.Read())
        {
            columns[r.GetInt64(0)] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
        }

        return columns;
    }

    /// <summary>One entry per run (the anchor's own first), its problems joined, in run order.</summary>
    private static List<RunDamage> Merge(List<RunDamage> damage) =>
        [.. damage.GroupBy(d => d.RunId).OrderBy(g => g.Key).Select(g => new RunDamage(g.Key, string.Join("; ", g.Select(d => d.What).Distinct())))];

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
