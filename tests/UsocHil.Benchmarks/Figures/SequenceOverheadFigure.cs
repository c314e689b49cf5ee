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
        await RunAsync(rig, Math.Max(10, steps / 10), null, cancellationToken);
        TimeSpan c0 = Process.GetCurrentProcess().TotalProcessorTime;
        double empty = await RunAsync(rig, 0, null, cancellationToken);
        TimeSpan c1 = Process.GetCurrentProcess().TotalProcessorTime;
        double full = await RunAsync(rig, steps, null, cancellationToken);
        TimeSpan c2 = Process.GetCurrentProcess().TotalProcessorTime;
        Console.Error.WriteLine($"DIAG bare: cpu/step {((c2 - c1) - (c1 - c0)).TotalMicroseconds / steps:F1} µs wall/step {(full - empty) / steps:F1}");
        double perStep = Math.Max(full - empty, 0.001) / steps;

        string directory = Path.Combine(settings.ArtifactsDirectory, "sequence");
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.CreateDirectory(directory);
        async Task<double> PerStepAsync(Instrumentation instrumentation)
        {
            await RunAsync(rig, Math.Max(10, steps / 10), instrumentation, cancellationToken);
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            double recordedEmpty = await RunAsync(rig, 0, instrumentation, cancellationToken);
            TimeSpan cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            double recordedFull = await RunAsync(rig, steps, instrumentation, cancellationToken);
            TimeSpan cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.Error.WriteLine($"DIAG {instrumentation.LogFile} {instrumentation.ArchiveFile}: cpu/step {((cpu2 - cpu1) - (cpu1 - cpu0)).TotalMicroseconds / steps:F1} µs wall/step {(recordedFull - recordedEmpty) / steps:F1}");
            return Math.Max(recordedFull - recordedEmpty, 0.001) / steps;
        }

        double recordedPerStep = await PerStepAsync(new Instrumentation(Path.Combine(directory, "run.clef"), Path.Combine(directory, "results.sqlite"), AsRun: true));
        double loggedPerStep = await PerStepAsync(new Instrumentation(Path.Combine(directory, "logged.clef"), null, AsRun: true));
        double archivedPerStep = await PerStepAsync(new Instrumentation(null, Path.Combine(directory, "archived.sqlite"), AsRun: true));
        double writeThroughPerStep = await PerStepAsync(new Instrumentation(Path.Combine(directory, "write-through.clef"), Path.Combine(directory, "write-through.sqlite"), AsRun: false));
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
            new(Name, $"SequenceRun, {steps} no-op steps (run of 0 subtracted), no logging, no recording", perStep, "µs", "empty loop of the same awaits", loop,
                "≤ 50 µs/step", perStep <= 50),
            new(Name, "the same with Information logging as usoc-hil run logs (CLEF file written in background batches, screen at Warning) and every step recorded in a SQLite archive, sealed", recordedPerStep, "µs",
                "empty loop of the same awaits", loop, "≤ 20 µs/step", recordedPerStep <= 20),
            new(Name, "breakdown: logging as usoc-hil run, no recording", loggedPerStep, "µs", "empty loop of the same awaits", loop, "breakdown", true),
            new(Name, "breakdown: recording, no logging", archivedPerStep, "µs", "empty loop of the same awaits", loop, "breakdown", true),
            new(Name, "peer: the same with Serilog's write-through file sink (as runs logged before)", writeThroughPerStep, "µs",
                "empty loop of the same awaits", loop, "peer", true),
        ];
    }

    /// <summary>Where a run logs (Information, compact JSON) and records (its results archive); <paramref name="AsRun"/>: through usoc-hil run's own log pipeline.</summary>
    private sealed record Instrumentation(string? LogFile, string? ArchiveFile, bool AsRun);

    private static async Task<double> RunAsync(RigDefinition rig, int steps, Instrumentation? instrumentation, CancellationToken cancellationToken)
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
        if (recording is not null)
        {
            long sealStart = Stopwatch.GetTimestamp();
            await recording.FinishAsync(cancellationToken); // durable and sealed
            Console.Error.WriteLine($"DIAG steps {steps}: run {Stopwatch.GetElapsedTime(start, sealStart).TotalMilliseconds:F0} ms, finish+seal {Stopwatch.GetElapsedTime(sealStart).TotalMilliseconds:F0} ms");
        }

        double elapsed = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        if (result.FinalState != RunState.Completed)
        {
            throw new InvalidOperationException($"the no-op run ended {result.FinalState}: {result.Reason}");
        }

        return elapsed;
    }

    private sealed class NoOpStep(string label) : ISequenceStep
    {
        public string Kind => "no-op";

        public string Label => label;

        public TimeSpan? Timeout => null;

        public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
