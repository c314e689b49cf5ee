using Stateless.Graph;
using UsocHil.Safing;
using UsocHil.Description;

namespace UsocHil.Sequencing;

public enum GraphFormat
{
    Dot,
    Mermaid,
}

/// <summary>The run's state machine as a picture, exported by Stateless itself so it cannot drift from the code.</summary>
public sealed partial class SequenceRun
{
    public string ExportGraph(GraphFormat format) => format switch
    {
        GraphFormat.Mermaid => MermaidGraph.Format(_machine.GetInfo()),
        _ => UmlDotGraph.Format(_machine.GetInfo()),
    };

    /// <summary>The machine of a run of <paramref name="plan"/>, without running anything (nothing connects, no clock ticks).</summary>
    public static string Graph(SequencePlan plan, RigDefinition rig, GraphFormat format) =>
        new SequenceRun(plan, rig, _ => throw new InvalidOperationException("a graph export never connects"), new RunOptions(), new NoObserver(), new FrozenClock(), new RigSafing(new FrozenClock(), Serilog.Core.Logger.None), Serilog.Core.Logger.None)
            .ExportGraph(format);

    /// <summary>Every state reachable from <paramref name="from"/> along permitted transitions (superstates' included).</summary>
    internal IReadOnlySet<RunState> Reachable(RunState from)
    {
        var info = _machine.GetInfo();
        var byState = info.States.ToDictionary(s => (RunState)s.UnderlyingState);
        var seen = new HashSet<RunState>();
        var queue = new Queue<RunState>([from]);
        while (queue.Count > 0)
        {
            RunState state = queue.Dequeue();
            for (var s = byState[state]; s is not null; s = s.Superstate)
            {
                foreach (var transition in s.FixedTransitions)
                {
                    var destination = (RunState)transition.DestinationState.UnderlyingState;
                    if (seen.Add(destination))
                    {
                        queue.Enqueue(destination);
                    }
                }
            }
        }

        return seen;
    }

    /// <summary>Terminal states reachable from <paramref name="from"/> without passing through Safing.</summary>
    internal IReadOnlySet<RunState> DirectTerminalsFrom(RunState from)
    {
        var info = _machine.GetInfo();
        var byState = info.States.ToDictionary(s => (RunState)s.UnderlyingState);
        var seen = new HashSet<RunState>();
        var found = new HashSet<RunState>();
        var queue = new Queue<RunState>([from]);
        while (queue.Count > 0)
        {
            RunState state = queue.Dequeue();
            for (var s = byState[state]; s is not null; s = s.Superstate)
            {
                foreach (var transition in s.FixedTransitions)
                {
                    var destination = (RunState)transition.DestinationState.UnderlyingState;
                    if (destination == RunState.Safing || !seen.Add(destination))
                    {
                        continue;
                    }

                    if (IsTerminal(destination))
                    {
                        found.Add(destination);
                    }
                    else
                    {
                        queue.Enqueue(destination);
                    }
                }
            }
        }

        return found;
    }

    private sealed class NoObserver : IRunObserver;

    /// <summary>A clock that never moves, for building a machine only to draw it.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;

        public override long GetTimestamp() => 0;
    }
}
