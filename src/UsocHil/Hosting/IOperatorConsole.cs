using UsocHil.Sequencing;

namespace UsocHil.Hosting;

/// <summary>
/// Where an operator attends a run: a terminal, the monitor page. The run host puts every prompt to every console
/// (the first answer counts, the others are withdrawn) and lets each hold, resume and abort the run while it lasts.
/// </summary>
public interface IOperatorConsole
{
    /// <summary>Runs while the run lasts: takes the operator's hold, resume and abort and hands them to <paramref name="run"/>.</summary>
    Task AttendAsync(OperatorControls run, CancellationToken cancellationToken);

    /// <summary>
    /// Shows a prompt step's question and completes with the operator's answer; cancelled when another console
    /// answered first, the prompt timed out, or the run left the step.
    /// </summary>
    Task<OperatorAnswer> AskAsync(OperatorQuestion question, CancellationToken cancellationToken);
}
