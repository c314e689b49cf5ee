using Stateless.Graph;

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
}
