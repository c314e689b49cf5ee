using Spectre.Console;
using UsocHil.Description;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Running;

/// <summary>
/// The live display on a terminal: state, step k of n, key telemetry by their dictionary names and units, and the
/// elapsed and estimated rig time, redrawn in place a few times a second by <see cref="RunAsync"/>; observer calls only
/// update the model. Warnings and errors of the log are written above it by <see cref="Announce"/>, through the same
/// console, so the panel is never torn.
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console, TimeProvider rigTime, RigDefinition rig) : IRunObserver
{
    private const int RecentLines = 6;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _telemetry = new(StringComparer.Ordinal);
    private readonly List<string> _recent = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<Action<IAnsiConsole>> _said = new();
    private volatile bool _live;
    private readonly DateTimeOffset _start = rigTime.GetUtcNow();
    private readonly IReadOnlyList<string> _keyParameters = rig.Display.Parameters;
    private RunState? _state;
    private string _step = "";
    private int _stepIndex;
    private int _stepCount;
    private DateTimeOffset _stepsStarted;

    public void OnRunStarted(RunStart start) => _stepCount = start.StepCount;

    public void OnTransition(RunTransition transition)
    {
        lock (_gate)
        {
            // Executing re-enters itself after every step: the step line says that, the state line need not.
            if (transition.Destination == _state)
            {
                return;
            }

            _state = transition.Destination;
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
                Remember($"{measurement.Verdict.ToString().ToLowerInvariant()}: {measurement.Name} = {ValueText.Of(measurement, rig.Dictionary)}");
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
        if (_keyParameters.Contains(sample.Parameter))
        {
            string text = ValueText.Of(ValueText.Find(rig.Dictionary, sample.Parameter), sample.Value);
            lock (_gate)
            {
                _telemetry[sample.Parameter] = text;
            }
        }
    }

    /// <summary>A line for the operator above the panel (a log warning or error), written without tearing it.</summary>
    public void Announce(string line, Style style) => Write(c => c.Write(new AnnouncedLine(line, style)));

    /// <summary>A line (Spectre markup) to print above the panel, such as an operator prompt.</summary>
    public void Say(string markup) => Write(c => c.MarkupLine(markup));

    /// <summary>
    /// While the panel is shown, lines are written by its redraw loop: Spectre's live display deadlocks with a write
    /// from another thread.
    /// </summary>
    private void Write(Action<IAnsiConsole> write)
    {
        if (_live)
        {
            _said.Enqueue(write);
        }
        else
        {
            write(console);
        }
    }

    /// <summary>Redraws until <paramref name="finished"/> completes.</summary>
    public Task RunAsync(Task finished, TimeProvider wall) =>
        console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async context =>
        {
            _live = true;
            while (!finished.IsCompleted)
            {
                WriteSaid();
                context.UpdateTarget(Render());
                await Task.WhenAny(finished, Task.Delay(TimeSpan.FromMilliseconds(250), wall)).ConfigureAwait(false);
            }

            _live = false;
            WriteSaid();
            context.UpdateTarget(Render());
        });

    private void WriteSaid()
    {
        while (_said.TryDequeue(out Action<IAnsiConsole>? write))
        {
            write(console);
        }
    }

    private Table Render()
    {
        lock (_gate)
        {
            TimeSpan elapsed = rigTime.GetUtcNow() - _start;
            string eta = "unknown";
            if (_stepIndex > 1 && _stepCount > 0)
            {
                TimeSpan perStep = (rigTime.GetUtcNow() - _stepsStarted) / (_stepIndex - 1);
                eta = $"about {DurationText.Format(perStep * (_stepCount - _stepIndex + 1))}";
            }

            var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("").AddColumn("");
            table.Width(Math.Min(console.Profile.Width, ResultTable.MaxWidth));
            table.AddRow("state", Markup.Escape(TerminalText.Escape(_state?.ToString() ?? "Idle")));
            table.AddRow("step", Markup.Escape(TerminalText.Escape($"{_stepIndex} of {_stepCount}  {_step}")));
            table.AddRow("rig time", Markup.Escape($"{DurationText.Format(elapsed)} elapsed, {eta} to go"));
            table.AddRow("telemetry", Markup.Escape(TerminalText.Escape(string.Join("   ", _keyParameters.Where(_telemetry.ContainsKey).Select(p => $"{p} {_telemetry[p]}")))));
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
        if (_recent.Count > RecentLines)
        {
            _recent.RemoveAt(0);
        }
    }
}
