using UsocHil.Sequencing.Steps;

namespace UsocHil.Sequencing;

/// <summary>A validated sequence, its steps built and ready to run: what a sequence file becomes.</summary>
public sealed record SequencePlan
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public string? Description { get; init; }

    /// <summary>The file it came from and the SHA-256 of its bytes, for the record.</summary>
    public string? Source { get; init; }

    public string? Hash { get; init; }

    /// <summary>draft or approved, and the kinds of item the procedure was validated on; a draft validated on nothing when the file says neither.</summary>
    public SequenceApproval Approval { get; init; } = new();

    public SequencePolicy Policy { get; init; } = new();

    /// <summary>Run in PoweringUp: supply on, power enable, wait for boot.</summary>
    public IReadOnlyList<ISequenceStep> PowerUp { get; init; } = [];

    /// <summary>Run in SelfTest: are-you-alive, housekeeping, identity.</summary>
    public IReadOnlyList<ISequenceStep> SelfTest { get; init; } = [];

    /// <summary>The procedure proper, one Executing state per step.</summary>
    public required IReadOnlyList<ISequenceStep> Steps { get; init; }

    /// <summary>How many prompt steps the plan has, nested ones included: a run of it needs an operator or --yes.</summary>
    public int OperatorPrompts { get; init; }

    /// <summary>Wait steps that let the run go on after a timeout.</summary>
    public int ContinuesOnTimeout { get; init; }

    /// <summary>Run in Verifying, after the last step.</summary>
    public IReadOnlyList<ISequenceStep> Verify { get; init; } = [];
}
