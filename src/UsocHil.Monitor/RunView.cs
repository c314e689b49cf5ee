using System.Globalization;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Monitor;

/// <summary>
/// The run as the page sees it, built from the observer's reports: current state, steps, a window of recent
/// telemetry, verdicts, events, commands, link counters. Every list is bounded. Not thread-safe: the broadcaster
/// applies updates and takes snapshots under its own lock.
/// </summary>
internal sealed class RunView(string id, bool live, StateGraph graph, IReadOnlyList<LimitDto> limits)
{
    public const int TelemetryPointsPerParameter = 2400;
    public const int MaxListItems = 2000;

    private readonly TelemetryWindow _telemetry = new(TelemetryPointsPerParameter);
    private readonly List<StepDto> _steps = [];
    private readonly List<TransitionDto> _transitions = [];
    private readonly List<MeasurementDto> _measurements = [];
    private readonly List<EventDto> _events = [];
    private readonly List<CommandDto> _commands = [];
    private readonly List<CalibrationDto> _calibrations = [];
    private readonly Dictionary<string, StepDto> _openSteps = new(StringComparer.Ordinal);
    private IReadOnlyList<LinkDto> _links = [];
    private RunInfoDto? _run;
    private DateTimeOffset? _origin;
    private string _state = nameof(RunState.Idle);
    private FinishedDto? _finished;

    public string Id => id;

    public bool Live => live;

    public string State => _state;

    public bool AbortAvailable { get; set; }

    public SnapshotDto Snapshot() => new(
        id, live, _run, _state, _finished, graph, limits, [.. _steps], [.. _transitions], _telemetry.ToDto(),
        [.. _measurements], [.. _events], [.. _commands], [.. _calibrations], _links, AbortAvailable && _finished is null);

    /// <summary>Records a telemetry sample and returns its point for the pages.</summary>
    public TelemetryPointDto Apply(in TelemetrySample sample)
    {
        double t = Seconds(sample.RigTime);
        double? value = Finite(sample.Value);
        _telemetry.Add(sample.Parameter, t, value);
        return new TelemetryPointDto(sample.Parameter, t, value);
    }

    /// <summary>Records any other report and returns what to send the pages (event name and payload).</summary>
    public (string Event, object Data) Apply(object update)
    {
        switch (update)
        {
            case RunStart start:
                _origin = start.RigTime;
                _run = new RunInfoDto(start.Rig, start.Sequence, start.Version, start.StepCount, start.RigTime.ToString("O", CultureInfo.InvariantCulture));
                return ("run", _run);
            case RunTransition transition:
                _state = transition.Destination.ToString();
                var moved = new TransitionDto(transition.Source.ToString(), _state, transition.Trigger.ToString(), Seconds(transition.RigTime), transition.Reason);
                Add(_transitions, moved);
                return ("transition", moved);
            case StepProgress started:
                var step = new StepDto(started.Path, started.Index, started.Count, started.Kind, started.Label, Seconds(started.RigTime), IsTopLevel(started.Path));
                _openSteps[started.Path] = step;
                Add(_steps, step);
                return ("step", step);
            case StepFinished finished:
                return ("step", Finish(finished));
            case Measurement measurement:
                Expectations.JudgedResult x = measurement.Result;
                var verdict = new MeasurementDto(measurement.Step, measurement.Name, x.Parameters, Finite(measurement.Value), measurement.Unit, measurement.Expectation,
                    measurement.Verdict.ToString(), Finite(measurement.Margin), Finite(x.Low), Finite(x.High), Finite(x.HardLow ?? x.Low), Finite(x.HardHigh ?? x.High), x.Culprit,
                    new EvidenceDto(x.Evidence.Seconds.Select(s => Finite(s)).ToArray(), x.Evidence.Values.Select(v => Finite(v)).ToArray()), Seconds(measurement.RigTime));
                Add(_measurements, verdict);
                return ("measurement", verdict);
            case RunEvent runEvent:
                var shown = new EventDto(runEvent.Source, runEvent.Severity, runEvent.Message, Seconds(runEvent.RigTime));
                Add(_events, shown);
                return ("event", shown);
            case CommandRecord command:
                var sent = new CommandDto(command.Command, command.Arguments, command.Succeeded, command.Acceptance?.TotalMilliseconds,
                    command.Completion?.TotalMilliseconds, command.Failure, Seconds(command.RigTime));
                Add(_commands, sent);
                return ("command", sent);
            case CalibrationProduct product:
                var fitted = new CalibrationDto(product.Name, product.Sensor, product.Coefficients, product.StandardUncertainties, Finite(product.RSquared), Seconds(product.RigTime));
                Add(_calibrations, fitted);
                return ("calibration", fitted);
            case RunResult result:
                _state = result.FinalState.ToString();
                _finished = new FinishedDto(_state, result.Outcome.ToString(), result.Reason, result.RigDuration.TotalSeconds);
                return ("finished", _finished);
            case IReadOnlyList<LinkDto> links:
                _links = links;
                return ("links", links);
            default:
                throw new ArgumentException($"the monitor does not know how to show {update.GetType().Name}", nameof(update));
        }
    }

    private StepDto Finish(StepFinished finished)
    {
        StepProgress progress = finished.Step;
        if (!_openSteps.Remove(progress.Path, out StepDto? step))
        {
            step = new StepDto(progress.Path, progress.Index, progress.Count, progress.Kind, progress.Label, Seconds(progress.RigTime), IsTopLevel(progress.Path));
            Add(_steps, step);
        }

        // The page replaces the row with the same path; the snapshot's list holds the same object, so it sees the end too.
        step.End = Seconds(progress.RigTime);
        step.Status = finished.Status.ToString();
        step.Detail = finished.Detail;
        return step;
    }

    private static bool IsTopLevel(string path) => int.TryParse(path, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private double Seconds(DateTimeOffset rigTime)
    {
        _origin ??= rigTime;
        return Math.Round((rigTime - _origin.Value).TotalSeconds, 3);
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static void Add<T>(List<T> list, T item)
    {
        if (list.Count >= MaxListItems)
        {
            list.RemoveAt(0);
        }

        list.Add(item);
    }
}

/// <summary>A step ended: the observer's OnStepFinished arguments as one update.</summary>
internal sealed record StepFinished(StepProgress Step, StepStatus Status, string? Detail);
