using System.Diagnostics;
using Serilog;
using Serilog.Formatting.Compact;
using UsocHil.Links;
using UsocHil.Sequencing;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// N emulated furnaces run the same sequence at once in this process, each wired as <c>usoc-hil run</c> wires one
/// (emulator in-process on one shared rig clock, payload and instruments on ptys, lines over the pigpiod socket, a
/// session from RigSessionFactory, a SequenceRun with Information logging to a CLEF file). It passes when every run
/// passes, no housekeeping interval exceeds the expected period by more than the expectation's tolerance, and the
/// harness saw no sequence-count gap, refused packet or framing error.
/// </summary>
internal static class ParallelRigsTrial
{
    public sealed record Outcome(int Rigs, bool Passed, string Why, TimeSpan LongestInterval, int Reports, double WallSeconds, double CpuCores, TimeSpan TimerLateness, TimeSpan StartupTimerLateness = default);

    public static async Task<Outcome> RunAsync(RigDefinition rig, SequencePlan plan, int rigs, double scale, string logFile, CancellationToken cancellationToken)
    {
        HousekeepingRateExpectation expected = rig.Expectations!.Housekeeping!;
        TimeSpan period = TimeSpan.FromSeconds(1 / expected.RatePerSecond);
        string firstParameter = rig.Dictionary.Housekeeping.Single(h => h.StructureId == expected.StructureId).Parameters[0];
        var trouble = new LinkTroubleSink();
        await using Serilog.Core.Logger log = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(new CompactJsonFormatter(), logFile, flushToDiskInterval: TimeSpan.FromSeconds(1))
            .WriteTo.Sink(trouble)
            .CreateLogger();
        var time = new VirtualTimeProvider(TimeProvider.System, scale);
        var statistics = new List<LinkStatistics>();
        var arrivals = new HousekeepingArrivals[rigs];
        var emulated = new EmulatedRigRun[rigs];
        var runs = new Task<RunResult>[rigs];
        Process self = Process.GetCurrentProcess();
        TimeSpan cpuBefore = self.TotalProcessorTime;
        long began = Stopwatch.GetTimestamp();
        await using var probe = new TimerLatenessProbe();
        try
        {
            for (int i = 0; i < rigs; i++)
            {
                ILogger rigLog = log.ForContext("Rig", i + 1);
                arrivals[i] = new HousekeepingArrivals(firstParameter, scale);
                emulated[i] = new EmulatedRigRun(rig, plan, time, scale, serialNumber: 1 + i, TickPeriod(scale), rigLog)
                {
                    LinkOpened = (_, s) =>
                    {
                        lock (statistics)
                        {
                            statistics.Add(s);
                        }
                    },
                };
                runs[i] = StartLaterAsync(emulated[i], arrivals[i], Stagger * i, cancellationToken);
            }

            RunResult[] results = await Task.WhenAll(runs).ConfigureAwait(false);
            await probe.StopAsync().ConfigureAwait(false);
            long steady = arrivals.Max(a => a.FirstArrival ?? long.MaxValue);
            double wall = Stopwatch.GetElapsedTime(began).TotalSeconds;
            self.Refresh();
            double cores = (self.TotalProcessorTime - cpuBefore).TotalSeconds / wall;
            return Judge(rigs, results, arrivals, statistics, trouble, period, expected.Tolerance, wall, cores) with { TimerLateness = probe.WorstLatenessSince(steady), StartupTimerLateness = probe.WorstLatenessSince(0) };
        }
        finally
        {
            foreach (EmulatedRigRun? run in emulated)
            {
                if (run is not null)
                {
                    await run.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Furnaces are started 100 ms apart, as an operator or a script starting rigs one after another would. Started in
    /// the same instant, 26 to 32 of them starve the thread pool while their in-process emulators start synchronously
    /// (a bare timer then fires 2 to 3 s late) and some pigpiod handshakes time out: a start-up limit, not a
    /// housekeeping one, reported beside the figure.
    /// </summary>
    private static readonly TimeSpan Stagger = TimeSpan.FromMilliseconds(100);

    private static async Task<RunResult> StartLaterAsync(EmulatedRigRun run, HousekeepingArrivals arrivals, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return await run.RunAsync([arrivals], cancellationToken).ConfigureAwait(false);
    }

    private static Outcome Judge(int rigs, RunResult[] results, HousekeepingArrivals[] arrivals, List<LinkStatistics> statistics, LinkTroubleSink trouble,
        TimeSpan period, double tolerance, double wall, double cores)
    {
        var why = new List<string>();
        RunResult[] failed = results.Where(r => r.Outcome != RunOutcome.Passed).ToArray();
        if (failed.Length > 0)
        {
            why.Add($"{failed.Length} run(s) not passed ({failed[0].FinalState}: {failed[0].Reason ?? string.Join("; ", failed[0].FailedMeasurements.Select(m => $"{m.Name} {m.Value:G4}"))})");
        }

        int late = 0;
        TimeSpan longest = TimeSpan.Zero;
        int reports = 0;
        foreach (HousekeepingArrivals a in arrivals)
        {
            (int l, TimeSpan worst) = a.Judge(period, tolerance);
            late += l;
            longest = worst > longest ? worst : longest;
            reports += a.Count;
        }

        if (late > 0)
        {
            why.Add($"{late} housekeeping interval(s) over {period.TotalSeconds * (1 + tolerance):G3} s (longest {longest.TotalSeconds:F3} s)");
        }

        long framing;
        lock (statistics)
        {
            framing = statistics.Sum(s => s.FramingErrors);
        }

        int lost = trouble.Lost();
        if (lost + trouble.Refused + framing > 0)
        {
            why.Add($"{lost} packet(s) lost, {trouble.Refused} refused, {framing} framing error(s)");
        }

        if (trouble.Reordered > 0)
        {
            why.Add($"(not a failure: {trouble.Reordered} packet(s) arrived out of order)");
        }

        bool passed = failed.Length == 0 && late == 0 && lost + trouble.Refused + framing == 0;
        return new Outcome(rigs, passed, why.Count == 0 ? "all passed" : string.Join("; ", why), longest, reports, wall, cores, TimeSpan.Zero);
    }

    /// <summary>
    /// The bench emits housekeeping when its catch-up tick runs, so the tick quantises every arrival: keep it at 2 % of
    /// the 1 s housekeeping period (a fifth of the tolerance) where the CLI's 100 ms would use all of it.
    /// </summary>
    public static TimeSpan TickPeriod(double scale) => TimeSpan.FromMilliseconds(Math.Max(20, scale));
}
