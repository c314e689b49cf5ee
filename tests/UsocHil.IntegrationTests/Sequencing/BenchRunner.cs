using Serilog;
using UsocHil.IntegrationTests.Sequencing.Bench;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Sequencing;

/// <summary>Runs a shipped sequence of the furnace against an in-process bench, reporting to the observer given.</summary>
internal static class BenchRunner
{
    public static SequenceRun NewRun(BenchRig bench, SequencePlan plan, IRunObserver observer, ILogger log) =>
        new(plan, bench.Rig, _ => Task.FromResult<IRigSession>(bench.OpenSession(log)), new RunOptions { AssumeYes = true }, observer, bench.Time,
            new RigSafing(TimeProvider.System, log), log);
}
