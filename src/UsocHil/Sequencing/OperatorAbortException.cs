namespace UsocHil.Sequencing;

/// <summary>The operator answered a prompt with abort: the run goes to safing and ends Aborted, as after Ctrl-C.</summary>
public sealed class OperatorAbortException(string step, string message)
    : StepFailedException(step, message);
