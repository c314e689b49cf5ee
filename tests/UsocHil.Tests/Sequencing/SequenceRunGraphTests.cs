using UsocHil.Sequencing;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

public sealed class SequenceRunGraphTests
{
    private static readonly SequencePlan Plan = new() { Name = "g", Version = "1", Steps = [DelegateStep.Ok("a")] };

    [Test]
    public void Graph_Dot_MatchesThePinnedGraph()
    {
        string dot = SequenceRun.Graph(Plan, TestRigs.Furnace(), GraphFormat.Dot);
        string pinned = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "tests", "UsocHil.Tests", "Sequencing", "SequenceRun.dot"));

        Assert.That(dot.ReplaceLineEndings(), Is.EqualTo(pinned.ReplaceLineEndings()), "the run's state machine changed: review it and update SequenceRun.dot");
    }

    [Test]
    public void Graph_Mermaid_NamesEveryState()
    {
        string mermaid = SequenceRun.Graph(Plan, TestRigs.Furnace(), GraphFormat.Mermaid);

        Assert.That(mermaid, Does.StartWith("stateDiagram-v2"));
        foreach (RunState state in Enum.GetValues<RunState>())
        {
            Assert.That(mermaid, Does.Contain(state.ToString()));
        }
    }

    [TestCase(RunState.Idle)]
    [TestCase(RunState.Connecting)]
    [TestCase(RunState.PoweringUp)]
    [TestCase(RunState.SelfTest)]
    [TestCase(RunState.Executing)]
    [TestCase(RunState.Verifying)]
    [TestCase(RunState.Reconnecting)]
    [TestCase(RunState.Held)]
    public void Reachable_FromEveryNonTerminalState_IncludesSafing(RunState state)
    {
        var run = new SequenceRun(Plan, TestRigs.Furnace(), _ => throw new InvalidOperationException(), new RunOptions(), new CollectingObserver(),
            TimeProvider.System, new UsocHil.Safing.RigSafing(TimeProvider.System, Serilog.Core.Logger.None), Serilog.Core.Logger.None);

        IReadOnlySet<RunState> reachable = run.Reachable(state);

        Assert.That(reachable, Does.Contain(RunState.Safing));
    }

    [TestCase(RunState.PoweringUp)]
    [TestCase(RunState.SelfTest)]
    [TestCase(RunState.Executing)]
    [TestCase(RunState.Verifying)]
    [TestCase(RunState.Reconnecting)]
    [TestCase(RunState.Held)]
    public void DirectTerminalsFrom_AnyPoweredState_IsEmptyBecauseEveryEndPassesThroughSafing(RunState state)
    {
        var run = new SequenceRun(Plan, TestRigs.Furnace(), _ => throw new InvalidOperationException(), new RunOptions(), new CollectingObserver(),
            TimeProvider.System, new UsocHil.Safing.RigSafing(TimeProvider.System, Serilog.Core.Logger.None), Serilog.Core.Logger.None);

        Assert.That(run.DirectTerminalsFrom(state), Is.Empty, $"{state} must not reach a terminal state without Safing");
        Assert.That(run.Reachable(state), Is.SupersetOf(new[] { RunState.Completed, RunState.Failed, RunState.Aborted }));
    }
}
