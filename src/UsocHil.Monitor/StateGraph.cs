using Serilog.Core;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.Monitor;

/// <summary>
/// The run's state machine as the page draws it: states (with their superstate) and permitted transitions, read from
/// the Mermaid text that <see cref="SequenceRun.ExportGraph"/> produces, so the page shows the same graph as
/// <c>usoc-hil graph</c> without a diagram library or a CDN.
/// </summary>
public sealed record StateGraph(IReadOnlyList<GraphState> States, IReadOnlyList<GraphEdge> Edges)
{
    private static readonly Lazy<StateGraph> s_default = new(() => Parse(ExportDefault()));

    /// <summary>The graph of the engine's machine, exported from a run that is never started.</summary>
    public static StateGraph Default => s_default.Value;

    /// <summary>Reads a Mermaid stateDiagram: "A --> B : Trigger", "state X {" … "}", "[*] --> A"; other lines are skipped.</summary>
    public static StateGraph Parse(string mermaid)
    {
        var states = new List<GraphState>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        var edges = new List<GraphEdge>();
        var parents = new Stack<string>();

        void Add(string name)
        {
            if (name != "[*]" && known.Add(name))
            {
                states.Add(new GraphState(name, parents.Count > 0 ? parents.Peek() : null));
            }
        }

        foreach (string raw in mermaid.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("stateDiagram", StringComparison.Ordinal) || line.StartsWith("%%", StringComparison.Ordinal))
            {
                continue;
            }

            if (line == "}")
            {
                parents.TryPop(out _);
                continue;
            }

            if (line.StartsWith("state ", StringComparison.Ordinal) && line.EndsWith('{'))
            {
                string name = line["state ".Length..^1].Trim();
                Add(name);
                parents.Push(name);
                continue;
            }

            int arrow = line.IndexOf("-->", StringComparison.Ordinal);
            if (arrow < 0)
            {
                if (!line.Contains(' ', StringComparison.Ordinal) && !line.Contains(':', StringComparison.Ordinal))
                {
                    Add(line);
                }

                continue;
            }

            string from = line[..arrow].Trim();
            string rest = line[(arrow + 3)..];
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            string to = (colon < 0 ? rest : rest[..colon]).Trim();
            string label = colon < 0 ? "" : rest[(colon + 1)..].Trim();
            Add(from);
            Add(to);
            edges.Add(new GraphEdge(from, to, label));
        }

        return new StateGraph(states, edges);
    }

    private static string ExportDefault()
    {
        var rig = new RigDefinition { Name = "graph", Apid = 0, Dictionary = new() };
        var plan = new SequencePlan { Name = "graph", Version = "0", Steps = [] };
        var run = new SequenceRun(plan, rig, _ => throw new InvalidOperationException("never connected"), new RunOptions(),
            new RunObservers([], Logger.None), TimeProvider.System, new RigSafing(TimeProvider.System, Logger.None), Logger.None);
        return run.ExportGraph(GraphFormat.Mermaid);
    }
}

/// <summary>A state; <paramref name="Parent"/> is its superstate (Active for the states that may leave the rig unsafe).</summary>
public sealed record GraphState(string Name, string? Parent);

/// <summary>A permitted transition; <paramref name="Label"/> is the trigger, with its guard when Stateless writes one.</summary>
public sealed record GraphEdge(string From, string To, string Label);
