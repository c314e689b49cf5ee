using System.Collections.Concurrent;
using System.Globalization;
using Serilog;
using UsocHil.Results;

namespace UsocHil.Monitor.Archive;

/// <summary>
/// The runs of a results archive, for <c>usoc-hil monitor</c> in a process of its own. A run is read when a page first
/// asks for it; a run still being recorded by another process is re-read once a second (on the server: the page still
/// only listens) and what is new is pushed to its pages, until the run ends.
/// </summary>
internal sealed class ArchiveRunCatalogue(IResultsStore archive, TimeProvider time, ILogger log) : IRunCatalogue
{
    private static readonly TimeSpan s_tail = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, Lazy<Task<RunBroadcaster>>> _runs = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _tails = [];

    public async Task<IReadOnlyList<RunListing>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(cancellationToken).ConfigureAwait(false);
        return [.. runs.Select(r => new RunListing(r.Id.ToString(CultureInfo.InvariantCulture), r.Station is { } station ? $"{station}/{r.Header.Rig}" : r.Header.Rig, r.Header.Sequence,
            r.Outcome.ToString().ToLowerInvariant(), r.StartedWall.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), r.Outcome == ArchivedOutcome.Running))];
    }

    public async Task<RunBroadcaster?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long runId))
        {
            return null;
        }

        try
        {
            return await _runs.GetOrAdd(runId, key => new Lazy<Task<RunBroadcaster>>(() => OpenAsync(key))).Value.ConfigureAwait(false);
        }
        catch (ResultsArchiveException)
        {
            _runs.TryRemove(runId, out _);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        Task[] tails;
        lock (_tails)
        {
            tails = [.. _tails];
        }

        await Task.WhenAll(tails).ConfigureAwait(false);
        foreach (Lazy<Task<RunBroadcaster>> run in _runs.Values)
        {
            if (run.IsValueCreated && run.Value.IsCompletedSuccessfully)
            {
                await run.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _stop.Dispose();
    }

    private async Task<RunBroadcaster> OpenAsync(long runId)
    {
        RunRecord record = await archive.ReadRunAsync(runId, _stop.Token).ConfigureAwait(false);
        var broadcaster = new RunBroadcaster(runId.ToString(CultureInfo.InvariantCulture), record.Summary.Outcome == ArchivedOutcome.Running, StateGraph.Default, [], time, log);
        var replay = new ArchiveReplay(broadcaster);
        replay.Feed(record);

        // A page that connects now must get a snapshot of the recorded run, not of the replay half-applied.
        await broadcaster.DrainedAsync().ConfigureAwait(false);
        if (!replay.Finished)
        {
            lock (_tails)
            {
                _tails.Add(TailAsync(runId, replay));
            }
        }

        return broadcaster;
    }

    private async Task TailAsync(long runId, ArchiveReplay replay)
    {
        try
        {
            while (!replay.Finished)
            {
                await Task.Delay(s_tail, time, _stop.Token).ConfigureAwait(false);
                replay.Feed(await archive.ReadRunAsync(runId, _stop.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.Warning(ex, "Monitor stopped following run {Run}", runId);
        }
    }
}
