namespace UsocHil.Sequencing;

/// <summary>How the operator asked for the run to behave.</summary>
public sealed record RunOptions
{
    /// <summary>Answer every prompt with yes (unattended runs).</summary>
    public bool AssumeYes { get; init; }

    /// <summary>Asks the operator; null means nobody is there (prompts fail unless <see cref="AssumeYes"/>).</summary>
    public IOperatorPrompt? Prompt { get; init; }
}

/// <summary>Asks the operator a yes/no question.</summary>
public interface IOperatorPrompt
{
    Task<bool> ConfirmAsync(string message, CancellationToken cancellationToken);
}
