using System.Collections.Concurrent;
using Serilog;
using UsocHil.Configuration;
using UsocHil.IntegrationTests.Sequencing.Bench;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing;

/// <summary>Runs a shipped sequence of the furnace against an in-process bench, collecting what the run reports.</summary>
internal sealed class BenchRunner : IRunObserver
{
    public ConcurrentQueue<CalibrationProduct> Calibrations { get; } = new();
    public ConcurrentQueue<RunEvent> Events { get; } = new();
    public ConcurrentQueue<RunTransition> Transitions { get; } = new();

    public static string FurnaceDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "UsocHil.sln")))
                {
                    return Path.Combine(dir.FullName, "rigs", "furnace-em");
                }
            }

            throw new InvalidOperationException("repository root not found");
        }
    }

    public static RigDefinition Furnace() => RigLoader.Load(Path.Combine(FurnaceDirectory, "rig.json"));

    public static SequencePlan Sequence(RigDefinition rig, string name) =>
        SequenceLoader.Load(Path.Combine(FurnaceDirectory, "sequences", name + ".json"), rig);

    public SequenceRun NewRun(BenchRig bench, SequencePlan plan, ILogger log) =>
        new(plan, bench.Rig, _ => Task.FromResult<IRigSession>(bench.OpenSession(log)), new RunOptions { AssumeYes = true }, this, bench.Time,
            new RigSafing(TimeProvider.System, log), log);

    public void OnCalibration(CalibrationProduct product) => Calibrations.Enqueue(product);

    public void OnEvent(RunEvent runEvent) => Events.Enqueue(runEvent);

    public void OnTransition(RunTransition transition) => Transitions.Enqueue(transition);
}
