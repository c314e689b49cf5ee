using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// A station with a central archive pushes after each run: every sealed run the centre lacks, not only the last, so
/// runs sealed while the centre was unreachable (queued in the station's own archive) arrive with the next one. A push
/// that fails throws; the sinks log it and the station's archive keeps the run for the next push.
/// </summary>
public sealed class CentralPushSink(string station, string stationArchive, CentralConnection centre, TimeProvider wall) : IResultsSink
{
    public async Task WriteAsync(SealedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        try
        {
            await using CentralArchive archive = await CentralArchive.OpenCentralAsync(centre, wall, create: true, cancellationToken).ConfigureAwait(false);
            await using ResultsArchive local = await ResultsArchive.OpenReadOnlyAsync(stationArchive, wall, Serilog.Core.Logger.None, cancellationToken).ConfigureAwait(false);
            PushReport report = await RunPush.PushAsync(local, station, archive, Serilog.Core.Logger.None, cancellationToken).ConfigureAwait(false);
            if (report.Conflicts.Count > 0)
            {
                throw new ResultsArchiveException(centre.Display, $"the central archive holds {report.Conflicts.Count} run(s) of station {station} differently: {report.Conflicts[0]}");
            }
        }
        catch (ResultsArchiveException e)
        {
            throw new ResultsArchiveException(centre.Display, $"run {run.RunId} stays queued at the station (pushed with the next run or usoc-hil results push): {e.Message}", e);
        }
    }
}
