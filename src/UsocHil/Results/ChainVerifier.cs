using Microsoft.Data.Sqlite;

namespace UsocHil.Results;

/// <summary>Walks each rig's chain of sealed runs in sealing order, recomputing every record hash and checking every link.</summary>
internal static class ChainVerifier
{
    public static ChainVerification Verify(SqliteConnection c, SqliteTransaction tx, CancellationToken cancellationToken)
    {
        List<RunSummary> runs = RunRecordReader.Summaries(c, tx);
        var unsealed = runs.FirstOrDefault(r => r.Outcome != ArchivedOutcome.Running && (r.SealSequence is null || r.RecordHash is null));
        var lastHashByRig = new Dictionary<string, string?>(StringComparer.Ordinal);
        int checkedRuns = 0;
        foreach (RunSummary run in runs.Where(r => r.SealSequence is not null).OrderBy(r => r.SealSequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? expectedPrevious = lastHashByRig.GetValueOrDefault(run.Header.Rig);
            if (run.PreviousHash != expectedPrevious)
            {
                return new ChainVerification(checkedRuns, run.Id, $"its previous-run hash does not match the rig's preceding sealed run (a run was altered, removed or re-sealed)");
            }

            string? recomputed;
            try
            {
                recomputed = RunRecordReader.Hash(c, tx, run.Id);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidCastException or SqliteException)
            {
                return new ChainVerification(checkedRuns, run.Id, $"its record can no longer be read: {e.Message}");
            }

            if (recomputed != run.RecordHash)
            {
                return new ChainVerification(checkedRuns, run.Id, "its record was altered after it was sealed (hash mismatch)");
            }

            lastHashByRig[run.Header.Rig] = run.RecordHash;
            checkedRuns++;
        }

        return unsealed is null
            ? new ChainVerification(checkedRuns, null, null)
            : new ChainVerification(checkedRuns, unsealed.Id, $"it is recorded as {unsealed.Outcome.ToText()} but was never sealed");
    }
}
