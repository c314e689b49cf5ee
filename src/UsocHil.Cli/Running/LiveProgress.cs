using System.Globalization;
using Spectre.Console;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>
/// The live display on a terminal: state, step k of n, key telemetry and the elapsed and estimated rig time, redrawn
/// a few times a second by <see cref="RunAsync"/>; observer calls only update the model.
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console, TimeProvider rigTime, IReadOnlyList<string> keyParameters) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _telemetry = new(StringComparer.Ordinal);
    private readonly List<string> _recent = [];
    private readonly DateTimeOffset _start = rigTime.GetUtcNow();
    private string _state = "Idle";
    private string _step = "";
    private int _stepIndex;
    private int _stepCount;
    private DateTimeOffset _stepsStarted;

    public void OnRunStarted(RunStart start) => _stepCount = start.StepCount;

    public void OnTransition(RunTransition transition)
    {
        lock (_gate)
        {
            _state = transition.Destination.ToString();
            Remember($"{transition.Source} -> {transition.Destination}{(transition.Reason is null ? "" : ": " + transition.Reason)}");
        }
    }

    public void OnStepStarted(StepProgress step)
    {
        lock (_gate)
        {
            _step = $"{step.Path} {step.Kind}: {step.Label}";
            if (!step.Path.Contains('.', StringComparison.Ordinal) && int.TryParse(step.Path, out int index))
            {
                if (index == 1)
                {
                    _stepsStarted = step.RigTime;
                }

                _stepIndex = index;
                _stepCount = step.Count;
            }
        }
    }

    public void OnMeasurement(Measurement measurement)
    {
        if (measurement.Verdict != Expectations.Verdict.NotSet)
        {
            lock (_gate)
            {
                Remember($"{measurement.Verdict}: {measurement.Name} = {measurement.Value.ToString("G5", CultureInfo.InvariantCulture)} {measurement.Unit}");
            }
        }
    }

    public void OnEvent(RunEvent runEvent)
    {
        lock (_gate)
        {
            Remember($"{runEvent.Severity} {runEvent.Source}: {runEvent.Message}");
        }
    }

    public void OnTelemetry(TelemetrySample sample)
    {
        if (keyParameters.Contains(sample.Parameter))
        {
            lock (_gate)
            {
                _telemetry[sample.Parameter] = sample.Value;
            }
        }
    }

    /// <summary>Redraws until <paramref name="finished"/> completes.</summary>
    public Task RunAsync(Task finished, TimeProvider wall) =>
        console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            while (!finished.IsCompleted)
            {
                context.UpdateTarget(Render());
                await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMilliseconds(250), wall)).ConfigureAwait(false);
            }

            context.UpdateTarget(Render());
        });

    private Table Render()
    {
        lock (_gate)
        {
            TimeSpan elapsed = rigTime.GetUtcNow() - _start;
            string eta = "unknown";
            if (_stepIndex > 1 && _stepCount > 0)
            {
                TimeSpan perStep = (rigTime.GetUtcNow() - _stepsStarted) / (_stepIndex - 1);
                eta = $"about {Format(perStep * (_stepCount - _stepIndex + 1))} of rig time";
            }

            var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
            table.AddRow("state", Markup.Escape(TerminalText.Escape(_state)));
            table.AddRow("step", Markup.Escape(TerminalText.Escape($"{_stepIndex} of {_stepCount}  {_step}")));
            table.AddRow("rig time", Markup.Escape(TerminalText.Escape($"{Format(elapsed)} elapsed, {eta} to go")));
            table.AddRow("telemetry", Markup.Escape(TerminalText.Escape(string.Join("  ", _telemetry.Select(t => $"{t.Key} {t.Value.ToString("F2", CultureInfo.InvariantCulture)}")))));
            foreach (string line in _recent)
            {
                table.AddRow("", Markup.Escape(TerminalText.Escape(line)));
            }

            return table;
        }
    }

    private void Remember(string line)
    {
        _recent.Add(line);
        if (_recent.Count > 6)
        {
            _recent.RemoveAt(0);
        }
    }

    private static string Format(TimeSpan span) => span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes:D2} min" : $"{span.Minutes} min {span.Seconds:D2} s";
}
