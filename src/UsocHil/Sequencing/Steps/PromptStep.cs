using System.Globalization;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Asks the operator to confirm before going on (a door closed, a probe placed). Confirm goes on; refuse fails the
/// run and abort aborts it, both through safing; no answer within the prompt's timeout (wall time) fails it through
/// safing too. Every answer is recorded with who gave it, where and when. <c>--yes</c> answers for unattended runs.
/// </summary>
internal sealed class PromptStep(string message, TimeSpan? answerWithin) : ISequenceStep
{
    public string Kind => "prompt";

    public string Label => message;

    /// <summary>No bound in rig time: the operator answers in wall time, the prompt's own timeout (if any) is wall time.</summary>
    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (context.Options.AssumeYes)
        {
            context.Event("info", $"prompt answered yes (--yes): {message}");
            context.Observer.OnEvent(Deviations.Event(Deviations.AutoConfirmedPrompt, $"step {context.Path} \"{message}\" answered yes by --yes", context.Now));
            return;
        }

        if (context.Options.Prompt is null)
        {
            throw new StepFailedException(context.Path, $"needs an operator to confirm \"{message}\"; run with --yes for unattended runs");
        }

        Task<OperatorAnswer?> asking = context.Options.Prompt.AskAsync(new OperatorQuestion(context.Path, message, context.Next, answerWithin), cancellationToken);
        // Said once the consoles show the question, so a page that reads the event finds the prompt waiting.
        context.Observer.OnEvent(new RunEvent("operator", "info", $"prompt at step {context.Path} asks: {message}", context.Now));
        OperatorAnswer? answer = await asking.ConfigureAwait(false);
        if (answer is null)
        {
            string within = answerWithin?.TotalSeconds.ToString("G4", CultureInfo.InvariantCulture) ?? "?";
            context.Observer.OnEvent(new RunEvent("operator", "warning", $"prompt at step {context.Path} \"{message}\": no answer within {within} s of wall time", context.Now));
            throw new StepFailedException(context.Path, $"no answer to \"{message}\" within {within} s: the rig is made safe");
        }

        context.Observer.OnEvent(new RunEvent("operator", answer.Decision == OperatorDecision.Confirm ? "info" : "warning",
            $"prompt at step {context.Path} \"{message}\": {answer.Describe()}", context.Now));
        switch (answer.Decision)
        {
            case OperatorDecision.Refuse:
                throw new StepFailedException(context.Path, $"the operator refused: {message} ({answer.Operator})");
            case OperatorDecision.Abort:
                throw new OperatorAbortException(context.Path, $"the operator aborted at the prompt: {message} ({answer.Operator})");
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        r.Context.OperatorPrompts++;
        return r.String("message") is { } message ? new PromptStep(message, r.Seconds("timeoutSeconds", min: 1)) : null;
    }
}
