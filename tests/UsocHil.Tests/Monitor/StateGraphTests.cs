using UsocHil.Monitor;

namespace UsocHil.Tests.Monitor;

public sealed class StateGraphTests
{
    [Test]
    public void Default_EngineMachine_HasEveryRunStateWithActiveAsSuperstateOfTheStepStates()
    {
        StateGraph graph = StateGraph.Default;

        Assert.That(graph.States.Select(s => s.Name), Is.SupersetOf(Enum.GetNames<UsocHil.Sequencing.RunState>()));
        Assert.That(graph.States.Single(s => s.Name == "Executing").Parent, Is.EqualTo("Active"));
        Assert.That(graph.Edges.Any(e => e.From == "Active" && e.To == "Safing" && e.Label.Contains("OperatorAbort", StringComparison.Ordinal)), Is.True);
    }

    [Test]
    public void Parse_SmallDiagram_ReadsStatesSuperstatesAndEdges()
    {
        const string mermaid = """
            stateDiagram-v2
                [*] --> A
                state S {
                    B
                }
                A --> B : Go
                S --> C : Stop [guarded]
            """;

        StateGraph graph = StateGraph.Parse(mermaid);

        Assert.That(graph.States.Select(s => (s.Name, s.Parent)), Is.EquivalentTo(new (string, string?)[] { ("A", null), ("S", null), ("B", "S"), ("C", null) }));
        Assert.That(graph.Edges.Select(e => (e.From, e.To, e.Label)), Is.EquivalentTo(new[] { ("[*]", "A", ""), ("A", "B", "Go"), ("S", "C", "Stop [guarded]") }));
    }
}
