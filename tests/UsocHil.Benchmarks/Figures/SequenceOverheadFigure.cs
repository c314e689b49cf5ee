using System.Diagnostics;
using Serilog.Core;
using UsocHil.Configuration;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 5: the sequence engine's cost per step: a run of N mark steps on a rig that answers instantly, minus a run of
/// none (connect and safing), over N; the baseline is the same N awaits of the step body with no engine around it.
/// </summary>
public sealed class SequenceOverheadFigure : IFigure
{
    public string Name => "5. Sequence engine overhead per step";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        RigDefinition rig = RigLoader.Load(Path.Combine(settings.RepositoryRoot, "rigs", "furnace-em", "rig.json"));
        int steps = settings.Scale(20_000);
        await RunAsync(rig, Math.Max(10, steps / 10), cancellationToken);
        double empty = await RunAsync(rig, 0, cancellationToken);
        double full = await RunAsync(rig, steps, cancellationToken);
        double perStep = Math.Max(full - empty, 0.001) / steps;

        ISequenceStep step = new NoOpStep("baseline");
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < steps; i++)
        {
            await step.ExecuteAsync(null!, cancellationToken).ConfigureAwait(false);
        }

        double loop = Math.Max(Stopwatch.GetElapsedTime(start).TotalMicroseconds, 0.001) / steps;
        return
        [
            new(Name, $"SequenceRun, {steps} no-op steps (run of 0 subtracted)", perStep, "µs", "empty loop of the same awaits", loop,
                "≤ 50 µs/step", perStep <= 50),
        ];
    }

    private static async Task<double> RunAsync(RigDefinition rig, int steps, CancellationToken cancellationToken)
    {
        var plan = new SequencePlan { Name = "bench", Version = "1", Steps = [.. Enumerable.Range(0, steps).Select(i => (ISequenceStep)new NoOpStep($"s{i}"))] };
        var run = new SequenceRun(plan, rig, _ => Task.FromResult<IRigSession>(new NullRigSession(rig)), new RunOptions(),
            new RunObservers([], Logger.None), TimeProvider.System, new RigSafing(TimeProvider.System, Logger.None), Logger.None);
        long start = Stopwatch.GetTimestamp();
        RunResult result = await run.RunAsync(cancellationToken);
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
