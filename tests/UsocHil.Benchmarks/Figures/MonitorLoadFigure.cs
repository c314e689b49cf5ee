using System.Diagnostics;
using System.Net;
using Serilog;
using Serilog.Formatting.Compact;
using UsocHil.Monitor;
using UsocHil.Sequencing;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Issue 11's figure: the same emulated run at the station's 400× rig time, without a monitor and while serving the
/// monitor to 20 pages reading the live event stream plus one page that never reads, all opened at once before the run
/// and left open for the whole of it. Housekeeping rate and the duration of the steps that exchange with the rig must
/// not change. The run (<c>bench/sequences/monitor-watch.json</c>) holds a heated furnace through 400 exchanges,
/// because a step takes well under a millisecond of wall time at 400× and only hundreds of them give a steady median.
/// </summary>
public sealed class MonitorLoadFigure : IFigure
{
    private const int Pages = 20;

    public string Name => "M. Monitor: 20 pages + 1 stalled page open during a run";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        RigDefinition rig = TestRigs.Furnace();
        string sequence = settings.Smoke
            ? Path.Combine(RepositoryPaths.BenchSequences, "housekeeping-soak.json")
            : Path.Combine(RepositoryPaths.BenchSequences, "monitor-watch.json");
        SequencePlan plan = SequenceLoader.Load(sequence, rig);
        double scale = settings.Smoke ? 40 : 400;
        string logs = Path.Combine(settings.ArtifactsDirectory, "monitor");
        Directory.CreateDirectory(logs);

        // Alone, watched, watched, alone, twice: drift in the machine's load falls on both sides equally. A first run,
        // not counted, pays for JIT compilation and the thread pool's growth.
        int[] order = settings.Smoke ? [0, 2] : [0, Pages, Pages, 0, 0, Pages, Pages, 0];
        if (!settings.Smoke)
        {
            Sample warmUp = await RunAsync(rig, plan, scale, 0, Path.Combine(logs, "run-0-warm-up.clef"), cancellationToken);
            FigureNotes.Add($"M. warm-up run, not counted: {warmUp.Outcome}, exchange steps {warmUp.ExchangeStep.TotalMilliseconds:F0} ms of rig time median");
        }

        var samples = new List<Sample>();
        for (int i = 0; i < order.Length; i++)
        {
            Sample sample = await RunAsync(rig, plan, scale, order[i], Path.Combine(logs, $"run-{i + 1}-{order[i]}-pages.clef"), cancellationToken);
            samples.Add(sample);
            FigureNotes.Add($"M. run {i + 1}, {sample.Pages} pages{(sample.Pages > 0 ? " + 1 stalled" : "")}: {sample.Outcome}, housekeeping {sample.HousekeepingRate:F4}/s, " +
                $"exchange steps of rig time {Percentiles(sample.ExchangeSteps)} ({sample.ExchangeSteps.Count} steps), {sample.WallSeconds:F1} s wall");
        }

        Sample alone = Sample.Pool(samples.Where(x => x.Pages == 0).ToList());
        Sample watched = Sample.Pool(samples.Where(x => x.Pages > 0).ToList());
        FigureNotes.Add($"M. pooled exchange steps of rig time: no monitor {Percentiles(alone.ExchangeSteps)}, with the pages {Percentiles(watched.ExchangeSteps)}");
        string run = $"{plan.Name} at {scale:G3}×, ended {alone.Outcome} / {watched.Outcome}";
        string load = $"{watched.Pages} pages read ≥ {watched.FewestMessages} messages each; the stalled page dropped {watched.StalledDropped} frames and was resynced {watched.StalledResyncs} times";
        double rateRatio = watched.HousekeepingRate / alone.HousekeepingRate;
        double stepRatio = watched.ExchangeStep.TotalMilliseconds / alone.ExchangeStep.TotalMilliseconds;
        return
        [
            new(Name, $"housekeeping reports per rig second with the pages ({run}; {load})", watched.HousekeepingRate, "1/s",
                "same run, no monitor", alone.HousekeepingRate, "unchanged, within ±10 % (the rig's tolerance)", Math.Abs(rateRatio - 1) <= 0.1),
            new(Name, $"median rig time of the {watched.ExchangeSteps.Count} steps, over {samples.Count / 2} runs, that exchange with the rig (command, set, upload, power)", watched.ExchangeStep.TotalMilliseconds, "ms",
                "same run, no monitor", alone.ExchangeStep.TotalMilliseconds, "not slower: ≤ 1.1×", stepRatio <= 1.1),
            new(Name, "wall time of the whole run with the pages", watched.WallSeconds, "s", "same run, no monitor", alone.WallSeconds, "peer", true),
        ];
    }

    private static async Task<Sample> RunAsync(RigDefinition rig, SequencePlan plan, double scale, int pages, string logFile, CancellationToken cancellationToken)
    {
        File.Delete(logFile);
        await using Serilog.Core.Logger log = new LoggerConfiguration().MinimumLevel.Information()
            .WriteTo.File(new CompactJsonFormatter(), logFile, flushToDiskInterval: TimeSpan.FromSeconds(1)).CreateLogger();
        var time = new VirtualTimeProvider(TimeProvider.System, scale);
        await using MonitorServer? monitor = pages == 0 ? null : await MonitorServer.StartAsync(
            new MonitorOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0), Rig = rig, Time = TimeProvider.System }, log, cancellationToken);
        RunBroadcaster? broadcaster = monitor?.Broadcaster;
        var clients = new List<SsePage>();
        try
        {
            if (monitor is not null)
            {
                var events = new Uri(monitor.Url, "api/runs/live/events");
                for (int i = 0; i < pages; i++)
                {
                    clients.Add(await SsePage.ReadingAsync(events, cancellationToken));
                }

                clients.Add(await SsePage.StalledAsync(events, cancellationToken));
                while (broadcaster!.ClientCount < pages + 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, cancellationToken);
                }
            }

            var arrivals = new HousekeepingArrivals(rig.Dictionary.Housekeeping[0].Parameters[0], scale);
            var steps = new StepTimings();
            await using var emulated = new EmulatedRigRun(rig, plan, time, scale, 1, EmulatedRigRun.CliTickPeriod(scale), log)
            {
                LinkOpened = (name, statistics) => broadcaster?.TrackLink(name, statistics),
            };
            IRunObserver[] observers = broadcaster is null ? [arrivals, steps] : [arrivals, steps, broadcaster];
            long began = Stopwatch.GetTimestamp();
            RunResult result = await emulated.RunAsync(observers, cancellationToken);
            double wall = Stopwatch.GetElapsedTime(began).TotalSeconds;
            ClientQueue? stalled = broadcaster?.Clients.Count > pages ? broadcaster.Clients[pages] : null;
            return new Sample(result.Outcome, arrivals.Rate(), steps.Durations, wall, pages,
                clients.Count > 1 ? clients[..^1].Min(c => c.Messages) : 0, stalled?.Resyncs ?? 0, stalled?.Dropped ?? 0);
        }
        finally
        {
            foreach (SsePage page in clients)
            {
                await page.DisposeAsync();
            }
        }
    }

    private static string Percentiles(IReadOnlyList<TimeSpan> durations)
    {
        double[] ms = [.. durations.Select(d => d.TotalMilliseconds).Order()];
        return ms.Length == 0 ? "none" : $"p10 {ms[ms.Length / 10]:F0} ms, median {ms[ms.Length / 2]:F0} ms, p90 {ms[ms.Length * 9 / 10]:F0} ms";
    }

    private sealed record Sample(RunOutcome Outcome, double HousekeepingRate, IReadOnlyList<TimeSpan> ExchangeSteps, double WallSeconds, int Pages,
        long FewestMessages, long StalledResyncs, long StalledDropped)
    {
        public TimeSpan ExchangeStep => StepTimings.MedianOf(ExchangeSteps);

        /// <summary>Runs of one kind together: every step's duration in one pool, so one slow run moves the median little.</summary>
        public static Sample Pool(IReadOnlyList<Sample> runs) => new(
            runs.All(r => r.Outcome == runs[0].Outcome) ? runs[0].Outcome : runs.Max(r => r.Outcome),
            runs.Average(r => r.HousekeepingRate),
            [.. runs.SelectMany(r => r.ExchangeSteps)],
            runs.Average(r => r.WallSeconds),
            runs[0].Pages,
            runs.Min(r => r.FewestMessages),
            runs.Sum(r => r.StalledResyncs),
            runs.Sum(r => r.StalledDropped));
    }
}
