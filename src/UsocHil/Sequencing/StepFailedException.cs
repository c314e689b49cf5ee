namespace UsocHil.Sequencing;

/// <summary>A step could not do what it declares: the run goes to safing and ends Failed.</summary>
public class StepFailedException(string step, string message, Exception? innerException = null)
    : Exception($"step {step}: {message}", innerException)
{
    /// <summary>The step's path in the run, for example "3.2".</summary>
    public string Step { get; } = step;
}

/// <summary>A step ran past its time bound (a wait whose condition never held, a step's own timeout).</summary>
public sealed class StepTimeoutException(string step, string message, Exception? innerException = null)
    : StepFailedException(step, message, innerException);
