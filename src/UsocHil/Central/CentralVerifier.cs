using Npgsql;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Re-verifies every station's chains at the centre: per station and rig, in sealing order, each run's record hash is
/// recomputed from the rows held here and each link checked against the run before it. Goes on past a break, so every
/// damaged run is named.
/// </summary>
internal static class CentralVerifier
{
    public static IReadOnlyList<DamagedRun> Verify(NpgsqlConnection c, CancellationToken cancellationToken)
    {
        var damaged = new List<DamagedRun>();
        List<RunSummary> runs = RunRecordReader.Summaries(c, null, RecordTables.Centre);
        foreach (var chain in runs.GroupBy(r => (r.Station!, r.Header.Rig)))
        {
            string? previous = null;
            foreach (RunSummary run in chain.OrderBy(r => r.SealSequence))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string? reason = Check(c, run, previous);
                if (reason is not null)
                {
                    damaged.Add(new DamagedRun(run.Id, run.Station!, run.RecordedId ?? run.Id, run.Header.Rig, reason));
                }

                previous = run.RecordHash;
            }
        }

        return damaged;
    }

    private static string? Check(NpgsqlConnection c, RunSummary run, string? previous)
    {
        if (run.PreviousHash != previous)
        {
            return "its previous-run hash does not match the rig's preceding run here (a run was altered, removed or not pushed in order)";
        }

        try
        {
            return RunRecordReader.Hash(c, null, run.Id, RecordTables.Centre) == run.RecordHash
                ? null
                : "its rows were changed at the centre after it was sealed (hash mismatch)";
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or KeyNotFoundException or InvalidCastException or PostgresException)
        {
            return $"its record can no longer be read: {e.Message}";
        }
    }
}
