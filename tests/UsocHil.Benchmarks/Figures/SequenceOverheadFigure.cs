using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Compact;
using UsocHil.Cli.Logging;
using UsocHil.Results;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 5: the sequence engine's cost per step: a run of N mark steps on a rig that answers instantly, minus a run of
/// none (connect and safing), over N; once bare, once logging at Information and recording to a SQLite archive as
/// <c>usoc-hil run</c> does (its own log pipeline: screen at Warning, the CLEF file written in background batches),
/// once with Serilog's write-through file sink instead (as runs logged before); the baseline is the same N awaits of
/// the step body with no engine around it.
/// </summary>
public sealed class SequenceOverheadFigure : IFigure
{
    public string Name => "5. Sequence engine overhead per step";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        RigDefinition rig = TestRigs.Furnace();
        int steps = settings.Scale(20_000);
        string directory = Path.Combine(settings.ArtifactsDirectory, "sequence");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);

        // Per step: (run of N - run of 0) / N, in wall time and in the process' CPU time (every thread: the engine, the
        // log file's writer, the archive's writer), which says what the work costs when the machine is shared.
        async Task<double> PerStepAsync(int round, string label, Instrumentation? instrumentation)
        {
            await RunAsync(rig, Math.Max(10, steps / 10), instrumentation, cancellationToken);
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            Timing empty = await RunAsync(rig, 0, instrumentation, cancellationToken);
            TimeSpan cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            Timing full = await RunAsync(rig, steps, instrumentation, cancellationToken);
            TimeSpan cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            double wall = Math.Max(full.TotalMicroseconds - empty.TotalMicroseconds, 0.001) / steps;
            double cpu = ((cpu2 - cpu1) - (cpu1 - cpu0)).TotalMicroseconds / steps;
            FigureNotes.Add(FormattableString.Invariant(
                $"5. round {round + 1}, {label}: {wall:F1} µs/step wall, {cpu:F1} µs/step of process CPU; the {steps}-step run took {full.RunMicroseconds / 1000:F0} ms, then {full.SealMicroseconds / 1000:F0} ms to flush and seal its record and close its log (the flush {full.FlushMicroseconds / 1000:F0} ms)"));
            return wall;
        }

        var asRun = new Instrumentation(Path.Combine(directory, "run.clef"), Path.Combine(directory, "results.sqlite"), AsRun: true);
        var loggedOnly = new Instrumentation(Path.Combine(directory, "logged.clef"), null, AsRun: true);
        var recordedOnly = new Instrumentation(null, Path.Combine(directory, "archived.sqlite"), AsRun: true);
        var writeThrough = new Instrumentation(Path.Combine(directory, "write-through.clef"), Path.Combine(directory, "write-through.sqlite"), AsRun: false);

        // Every path warmed (and tiered up by the JIT) before any is measured: otherwise the first configuration that
        // records pays for compiling the archive's and the seal's code, in CPU and in wall time. Twice, with a pause
        // after each pass: the JIT promotes a method only after 100 ms without new first-tier compilations, and then
        // compiles on a background thread; warmed once, the first two measured rounds still paid for it (26 and 21 µs
        // a step logged and recorded, then 14-18 µs).
        for (int pass = 0; pass < 2; pass++)
        {
            foreach (Instrumentation? warm in new[] { null, asRun, loggedOnly, recordedOnly, writeThrough })
            {
                for (int round = 0; round < 3; round++)
                {
                    await RunAsync(rig, Math.Max(10, steps / 4), warm, cancellationToken);
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        // Rounds interleave the configurations, each in a different order, and each row is the median of its rounds:
        // the load of a shared machine, and whatever one run leaves behind (a heap to collect), falls on all of them.
        (string Label, Instrumentation? Instrumentation)[] configurations =
        [
            ("bare", null),
            ("logged as usoc-hil run and recorded", asRun),
            ("logged only", loggedOnly),
            ("recorded only", recordedOnly),
            ("Serilog write-through file sink and recorded", writeThrough),
        ];
        const int Rounds = 5;
        var perStepByConfiguration = configurations.Select(_ => new List<double>()).ToArray();
        for (int round = 0; round < Rounds; round++)
        {
            for (int k = 0; k < configurations.Length; k++)
            {
                int i = (k + round * 2) % configurations.Length;
                perStepByConfiguration[i].Add(await PerStepAsync(round, configurations[i].Label, configurations[i].Instrumentation));
            }
        }

        double Median(int i) => perStepByConfiguration[i].Order().ElementAt(Rounds / 2);
        double perStep = Median(0), recordedPerStep = Median(1), loggedPerStep = Median(2), archivedPerStep = Median(3), writeThroughPerStep = Median(4);
        SqliteConnection.ClearAllPools();

        ISequenceStep step = new NoOpStep("baseline");
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            await step.ExecuteAsync(null!, cancellationToken).ConfigureAwait(false);
        }

        double loop = Math.Max(Stopwatch.GetElapsedTime(start).TotalMicroseconds, 0.001) / steps;
        return
        [
            new(Name, $"SequenceRun, {steps} no-op steps (run of 0 subtracted, median of {Rounds} interleaved rounds), no logging, no recording", perStep, "µs", "empty loop of the same awaits", loop,
                "≤ 50 µs/step", perStep <= 50),
            new(Name, "the same with Information logging as usoc-hil run logs (CLEF file written in background batches, screen at Warning) and every step recorded in a SQLite archive, sealed", recordedPerStep, "µs",
                "empty loop of the same awaits", loop, "≤ 20 µs/step", recordedPerStep <= 20),
            new(Name, "breakdown: logging as usoc-hil run, no recording", loggedPerStep, "µs", "empty loop of the same awaits", loop, "breakdown", true),
            new(Name, "breakdown: recording and sealing, no logging", archivedPerStep, "µs", "empty loop of the same awaits", loop, "breakdown", true),
            new(Name, "peer: logging and recording with Serilog's write-through file sink (as runs logged before)", writeThroughPerStep, "µs",
                "empty loop of the same awaits", loop, "peer", true),
        ];
    }

    /// <summary>Where a run logs (Information, compact JSON) and records (its results archive); <paramref name="AsRun"/>: through usoc-hil run's own log pipeline.</summary>
    private sealed record Instrumentation(string? LogFile, string? ArchiveFile, bool AsRun);

    /// <summary>A run's wall time: the run itself, then flushing and sealing its record and closing its log (of which the flush alone).</summary>
    private readonly record struct Timing(double RunMicroseconds, double SealMicroseconds, double FlushMicroseconds)
    {
        public double TotalMicroseconds => RunMicroseconds + SealMicroseconds;
    }

    private static async Task<Timing> RunAsync(RigDefinition rig, int steps, Instrumentation? instrumentation, CancellationToken cancellationToken)
    {
        var plan = new SequencePlan { Name = "bench", Version = "1", Steps = [.. Enumerable.Range(0, steps).Select(i => (ISequenceStep)new NoOpStep($"s{i}"))] };
        await using Logger log = instrumentation?.LogFile is null
            ? new LoggerConfiguration().CreateLogger()
            : instrumentation.AsRun
                ? HarnessLogging.ForRun("Information", verbosity: 0, instrumentation.LogFile, screen: null)
                : new LoggerConfiguration().MinimumLevel.Information()
                    .WriteTo.File(new CompactJsonFormatter(), instrumentation.LogFile, flushToDiskInterval: TimeSpan.FromSeconds(1)).CreateLogger();
        ILogger runLog = instrumentation?.LogFile is null ? Logger.None : log;
        await using ResultsArchive? archive = instrumentation?.ArchiveFile is null ? null : await ResultsArchive.OpenAsync(instrumentation.ArchiveFile, TimeProvider.System, runLog, cancellationToken);
        long start = Stopwatch.GetTimestamp();
        ArchiveRunObserver? recording = archive is null ? null
            : new ArchiveRunObserver(await archive.BeginRunAsync(new RunHeader { Rig = rig.Name, Sequence = "bench" }, TimeProvider.System, cancellationToken), runLog);
        var run = new SequenceRun(plan, rig, _ => Task.FromResult<IRigSession>(new NullRigSession(rig)), new RunOptions(),
            new RunObservers(recording is null ? [] : [recording], runLog), TimeProvider.System, new RigSafing(TimeProvider.System, runLog), runLog);
        RunResult result = await run.RunAsync(cancellationToken);
        long ran = Stopwatch.GetTimestamp();
        long flushed = ran;
        if (recording is not null)
        {
            await recording.Recorder.FlushAsync(cancellationToken); // every row committed: what the archive's writer had yet to do
            flushed = Stopwatch.GetTimestamp();
            await recording.FinishAsync(cancellationToken); // durable and sealed
        }

        await log.DisposeAsync(); // the log file's last lines written (disposing twice, as the using does, is harmless)

        var timing = new Timing(Stopwatch.GetElapsedTime(start, ran).TotalMicroseconds, Stopwatch.GetElapsedTime(ran).TotalMicroseconds, Stopwatch.GetElapsedTime(ran, flushed).TotalMicroseconds);
        if (result.FinalState != RunState.Completed)
        {
            throw new InvalidOperationException($"the no-op run ended {result.FinalState}: {result.Reason}");
        }

        return timing;
    }

    private sealed class NoOpStep(string label) : ISequenceStep
    {
        public string Kind => "no-op";

        public string Label => label;

        public TimeSpan? Timeout => null;

        public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
