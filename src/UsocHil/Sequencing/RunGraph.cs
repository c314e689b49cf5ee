using Stateless.Graph;
using Stateless.Reflection;

namespace UsocHil.Sequencing;

/// <summary>The run's state machine as a picture, exported by Stateless itself so it cannot drift from the code, and the reachability questions its tests ask.</summary>
internal static class RunGraph
{
    public static string Format(StateMachineInfo info, GraphFormat format) => format switch
    {
        GraphFormat.Mermaid => MermaidGraph.Format(info),
        _ => UmlDotGraph.Format(info),
    };

    /// <summary>Every state reachable from <paramref name="from"/> along permitted transitions (superstates' included).</summary>
    public static IReadOnlySet<RunState> Reachable(StateMachineInfo info, RunState from) => Walk(info, from, stopAtSafing: false).Seen;

    /// <summary>Terminal states reachable from <paramref name="from"/> without passing through Safing.</summary>
    public static IReadOnlySet<RunState> DirectTerminalsFrom(StateMachineInfo info, RunState from) => Walk(info, from, stopAtSafing: true).Terminals;

    private static (HashSet<RunState> Seen, HashSet<RunState> Terminals) Walk(StateMachineInfo info, RunState from, bool stopAtSafing)
    {
        var byState = info.States.ToDictionary(s => (RunState)s.UnderlyingState);
        var seen = new HashSet<RunState>();
        var terminals = new HashSet<RunState>();
        var queue = new Queue<RunState>([from]);
        while (queue.Count > 0)
        {
            RunState state = queue.Dequeue();
            for (StateInfo? s = byState[state]; s is not null; s = s.Superstate)
            {
                foreach (FixedTransitionInfo transition in s.FixedTransitions)
                {
                    var destination = (RunState)transition.DestinationState.UnderlyingState;
                    if ((stopAtSafing && destination == RunState.Safing) || !seen.Add(destination))
                    {
                        continue;
                    }

                    if (stopAtSafing && RunMachine.IsTerminal(destination))
                    {
                        terminals.Add(destination);
                    }
                    else
                    {
                        queue.Enqueue(destination);
                    }
                }
            }
        }

        return (seen, terminals);
    }
}
