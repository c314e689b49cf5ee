namespace UsocHil.Sequencing.Steps;

/// <summary>Asks the operator to confirm before going on (a door closed, a probe placed); <c>--yes</c> answers for unattended runs.</summary>
internal sealed class PromptStep(string message) : ISequenceStep
{
    public string Kind => "prompt";

    public string Label => message;

    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Options.AssumeYes)
        {
            context.Event("info", $"prompt answered yes (--yes): {message}");
            return;
        }

        if (context.Options.Prompt is null)
        {
            throw new StepFailedException(context.Path, $"needs an operator to confirm \"{message}\"; run with --yes for unattended runs");
        }

        if (!await context.Options.Prompt.ConfirmAsync(message, cancellationToken).ConfigureAwait(false))
        {
            throw new StepFailedException(context.Path, $"the operator declined: {message}");
        }
    }

    public static ISequenceStep? Read(StepReader r) => r.String("message") is { } message ? new PromptStep(message) : null;
}
