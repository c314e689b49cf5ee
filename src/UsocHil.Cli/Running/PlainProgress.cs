using System.Globalization;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>Progress as plain time-stamped lines on standard output, for logs and redirected output; sequence and device text escaped.</summary>
internal sealed class PlainProgress(TextWriter output, TimeProvider wall) : IRunObserver
{
    private readonly Lock _gate = new();

    public void OnTransition(RunTransition transition) =>
        Line($"state {transition.Source} -> {transition.Destination} ({transition.Trigger}){(transition.Reason is null ? "" : ": " + transition.Reason)}");

    public void OnStepStarted(StepProgress step) =>
        Line(step.Path.Contains('.', StringComparison.Ordinal)
            ? $"  step {step.Path} {step.Kind}: {step.Label}"
            : $"step {step.Index + 1} of {step.Count} ({step.Path}) {step.Kind}: {step.Label}");

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail)
    {
        if (status != StepStatus.Passed)
        {
            Line($"step {step.Path} {status.ToString().ToLowerInvariant()}{(detail is null ? "" : ": " + detail)}");
        }
    }

    public void OnMeasurement(Measurement measurement)
    {
        if (measurement.Verdict != Expectations.Verdict.NotSet)
        {
            Line($"verdict {measurement.Verdict.ToString().ToLowerInvariant()}: {measurement.Name} = {measurement.Value.ToString("G6", CultureInfo.InvariantCulture)} {measurement.Unit} ({measurement.Expectation})");
        }
    }

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent.Severity != "info" || runEvent.Source == "safing")
        {
            Line($"{runEvent.Severity} {runEvent.Source}: {runEvent.Message}");
        }
    }

    private void Line(string text)
    {
        lock (_gate)
        {
            output.WriteLine($"{wall.GetLocalNow():HH:mm:ss} {TerminalText.Escape(text)}");
            output.Flush();
        }
    }
}
