using Serilog;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>What one push did: runs copied, runs already at the centre, and runs the centre holds differently.</summary>
public sealed record PushReport(int Pushed, int AlreadyThere, IReadOnlyList<string> Conflicts, int Waiting);

/// <summary>
/// Store and forward: copies every sealed run of a station's archive that the centre does not have yet, oldest seal
/// first, each in its own transaction (a run is never half-visible; a push stopped at any point resumes where it
/// stopped). Runs still being recorded are left for the next push.
/// </summary>
public static class RunPush
{
    public static async Task<PushReport> PushAsync(IResultsStore stationArchive, string station, CentralArchive centre, ILogger log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stationArchive);
        ArgumentNullException.ThrowIfNull(centre);
        IReadOnlyList<RunSummary> runs = await stationArchive.ListRunsAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<long, string> there = await centre.PushedRunsAsync(station, cancellationToken).ConfigureAwait(false);
        int pushed = 0, already = 0;
        var conflicts = new List<string>();
        foreach (RunSummary run in runs.Where(r => r.SealSequence is not null && r.RecordHash is not null).OrderBy(r => r.SealSequence))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (there.TryGetValue(run.Id, out string? hash))
            {
                if (hash == run.RecordHash)
                {
                    already++;
                }
                else
                {
                    conflicts.Add($"run {run.Id}: the centre holds record hash {hash[..12]}…, this archive {run.RecordHash![..12]}…");
                }

                continue;
            }

            bool accepted = false;
            await stationArchive.CopyRunAsync(
                run.Id,
                async (record, telemetry, ct) => accepted = await centre.AcceptAsync(station, record, telemetry, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            if (accepted)
            {
                pushed++;
                log.Information("Run {RunId} of station {Station} pushed to {Centre}", run.Id, station, centre.Path);
            }
            else
            {
                already++;
            }
        }

        int waiting = runs.Count(r => r.SealSequence is null);
        return new PushReport(pushed, already, conflicts, waiting);
    }
}
