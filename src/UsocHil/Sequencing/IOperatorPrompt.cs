namespace UsocHil.Sequencing;

/// <summary>
/// Puts a prompt step's question to whoever attends the run (a terminal, the monitor page). The step decides what an
/// answer means: confirm goes on, refuse and abort make the rig safe.
/// </summary>
public interface IOperatorPrompt
{
    /// <summary>
    /// The operator's answer, or null when nobody answered within <see cref="OperatorQuestion.Timeout"/> (wall time:
    /// people answer in wall time whatever the rig's clock does).
    /// </summary>
    Task<OperatorAnswer?> AskAsync(OperatorQuestion question, CancellationToken cancellationToken);
}
