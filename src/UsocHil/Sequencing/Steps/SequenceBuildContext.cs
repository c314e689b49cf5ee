using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>What a step being read may refer to: the rig, variables in scope, data sets and fits declared before it.</summary>
public sealed class SequenceBuildContext(string file, RigDefinition rig, bool allowRawPackets = false, StepKinds? kinds = null)
{
    /// <summary>The step kinds (and, through them, the check kinds) a sequence may use.</summary>
    public StepKinds Kinds { get; } = kinds ?? StepKinds.CreateDefault();

    public string File { get; } = file;

    public RigDefinition Rig { get; } = rig;

    /// <summary>Raw steps are accepted only when the operator asked for them (<c>usoc-hil run --raw</c>).</summary>
    public bool AllowRawPackets { get; } = allowRawPackets;

    public List<ConfigurationProblem> Problems { get; } = [];

    public HashSet<string> Variables { get; private set; } = new(StringComparer.Ordinal);

    /// <summary>Sample data sets declared so far, with their columns.</summary>
    public Dictionary<string, HashSet<string>> DataSets { get; } = new(StringComparer.Ordinal);

    /// <summary>Fits declared so far, with their polynomial order.</summary>
    public Dictionary<string, int> Fits { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Marks { get; } = new(StringComparer.Ordinal);

    /// <summary>Process models identified by model steps so far.</summary>
    public HashSet<string> Models { get; } = new(StringComparer.Ordinal);

    /// <summary>Prompt steps read so far, nested ones included: a run with any needs an operator or --yes.</summary>
    public int OperatorPrompts { get; set; }

    /// <summary>Wait steps with <c>"onTimeout": "continue"</c>: deviations a formal run needs a waiver for.</summary>
    public int ContinuesOnTimeout { get; set; }

    /// <summary>Runs <paramref name="read"/> with extra variables in scope (a sweep's or an optimiser's).</summary>
    public T WithVariables<T>(IEnumerable<string> names, Func<T> read)
    {
        HashSet<string> outer = Variables;
        Variables = new HashSet<string>(outer, StringComparer.Ordinal);
        Variables.UnionWith(names);
        try
        {
            return read();
        }
        finally
        {
            Variables = outer;
        }
    }
}
