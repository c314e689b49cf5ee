namespace UsocHil.Sequencing;

/// <summary>How the run's state machine is drawn: Graphviz DOT or a Mermaid state diagram.</summary>
public enum GraphFormat
{
    Dot,
    Mermaid,
}
