using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>
/// Progress as plain time-stamped lines on standard output, for logs and redirected output: one line when a step starts,
/// one when it ends, one per verdict and per change of state, sequence and device text escaped. The log adds only
/// warnings and errors beside it.
/// </summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider wall, Description.RigDictionary? dictionary = null) : IRunObserver
{
    private readonly Lock _gate = new();
    private RunState? _state;

    public void OnTransition(RunTransition transition)
    {
        lock (_gate)
        {
            // Executing re-enters itself after every step: the step lines already say so.
            if (transition.Destination == _state)
            {
                return;
            }

            _state = transition.Destination;
        }

        Line($"state {transition.Source} -> {transition.Destination} ({transition.Trigger}){(transition.Reason is null ? "" : ": " + transition.Reason)}");
    }

    public void OnStepStarted(StepProgress step) =>
        Line(IsNested(step)
            ? $"  step {step.Path} {step.Kind}: {step.Label}"
            : $"step {step.Index + 1} of {step.Count} ({step.Path}) {step.Kind}: {step.Label}");

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail) =>
        Line($"{(IsNested(step) ? "  " : "")}step {step.Path} {status.ToString().ToLowerInvariant()}{(detail is null ? "" : ": " + detail)}");

    public void OnMeasurement(Measurement measurement)
    {
        if (measurement.Verdict != Expectations.Verdict.NotSet)
        {
            Line($"verdict {measurement.Verdict.ToString().ToLowerInvariant()}: {measurement.Name} = {ValueText.Of(measurement, dictionary)} ({measurement.Expectation})");
        }
    }

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent.Severity != "info" || runEvent.Source == "safing")
        {
            Line($"{runEvent.Severity} {runEvent.Source}: {runEvent.Message}");
        }
    }

    private static bool IsNested(StepProgress step) => step.Path.Contains('.', StringComparison.Ordinal);

    private void Line(string text)
    {
        lock (_gate)
        {
            output.WriteLine($"{wall.GetLocalNow():HH:mm:ss} {TerminalText.Escape(text)}");
            output.Flush();
        }
    }
}
