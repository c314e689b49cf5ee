using System.Globalization;
using UsocHil.Results;
using UsocHil.Sequencing;
using Rigs = UsocHil.Rigs;
using Seq = UsocHil.Sequencing;

namespace UsocHil.Monitor.Archive;

/// <summary>
/// Feeds an archived run into a broadcaster as if it were happening: the same observer calls a live run makes, so a
/// finished run shows the same views. Remembers how far it got, so a run still being recorded is fed only what is new.
/// </summary>
internal sealed class ArchiveReplay(IRunObserver observer)
{
    private int _transitions, _steps, _measurements, _telemetry, _events, _commands, _calibrations;
    private bool _started, _finished;
    private readonly HashSet<int> _stepsEnded = [];

    public bool Finished => _finished;

    public void Feed(RunRecord record)
    {
        RunSummary summary = record.Summary;
        int stepCount = record.Steps.Count == 0 ? 0 : record.Steps.Max(s => s.Index) + 1;
        if (!_started)
        {
            _started = true;
            observer.OnRunStarted(new RunStart(summary.Header.Rig, summary.Header.Sequence, "", summary.Header.SequenceSha256, stepCount, summary.StartedRig));
        }

        foreach (TransitionRow t in record.Transitions.Skip(_transitions))
        {
            if (Enum.TryParse(t.From, out RunState from) && Enum.TryParse(t.To, out RunState to) && Enum.TryParse(t.Trigger, out RunTrigger trigger))
            {
                observer.OnTransition(new RunTransition(from, to, trigger, t.Time, null));
            }
        }

        _transitions = record.Transitions.Count;
        for (int i = 0; i < record.Steps.Count; i++)
        {
            StepRow s = record.Steps[i];
            var progress = new StepProgress((s.Index + 1).ToString(CultureInfo.InvariantCulture), s.Index, stepCount, s.Kind, s.Name, s.Started);
            if (i >= _steps)
            {
                observer.OnStepStarted(progress);
            }

            if (s.Ended is { } ended && _stepsEnded.Add(i))
            {
                observer.OnStepFinished(progress with { RigTime = ended }, StepStatusOf(s.Outcome), s.Message);
            }
        }

        _steps = record.Steps.Count;
        foreach (MeasurementRow m in record.Measurements.Skip(_measurements))
        {
            string step = m.StepIndex is { } k ? (k + 1).ToString(CultureInfo.InvariantCulture) : "";
            observer.OnMeasurement(new Measurement(step, m.Judged ?? Expectations.JudgedResult.Recorded(m.Name, m.Value, m.Unit), m.Time));
        }

        _measurements = record.Measurements.Count;
        foreach (Results.TelemetryRow t in LatestOfEachParameter(record.Telemetry, _telemetry))
        {
            observer.OnTelemetry(new Rigs.TelemetrySample(t.Parameter, t.Value, t.Time));
        }

        _telemetry = record.Telemetry.Count;
        foreach (EventRow e in record.Events.Skip(_events))
        {
            string message = e.Data is null ? e.Name : $"{e.Name}: {e.Data}";
            observer.OnEvent(new RunEvent($"ST[05] {e.Id}", e.Severity, message, e.Time));
        }

        _events = record.Events.Count;
        foreach (Results.CommandRow c in record.Commands.Skip(_commands))
        {
            bool succeeded = c.Failure is null && c.FailureCode is null;
            observer.OnCommand(new Rigs.CommandRecord(c.Name, new Dictionary<string, double>(), succeeded, c.Accepted - c.Time, c.Completed - c.Time, c.Failure, c.Time));
        }

        _commands = record.Commands.Count;
        foreach (Results.CalibrationRow p in record.Calibrations.Skip(_calibrations))
        {
            observer.OnCalibration(new Seq.CalibrationProduct(p.Model, p.Sensor, p.Coefficients, p.Uncertainties,
                [.. p.Points.Select(q => q.Raw)], [.. p.Points.Select(q => q.Reference)], [.. p.Points.Select(q => q.Residual)], p.RSquared, summary.StartedRig));
        }

        _calibrations = record.Calibrations.Count;
        if (!_finished && summary.Outcome != Results.ArchivedOutcome.Running)
        {
            _finished = true;
            observer.OnRunFinished(new RunResult
            {
                Sequence = summary.Header.Sequence,
                FinalState = summary.Outcome switch
                {
                    Results.ArchivedOutcome.Passed => RunState.Completed,
                    Results.ArchivedOutcome.Aborted => RunState.Aborted,
                    _ => RunState.Failed,
                },
                Outcome = summary.Outcome switch
                {
                    Results.ArchivedOutcome.Passed => Seq.RunOutcome.Passed,
                    Results.ArchivedOutcome.Aborted => Seq.RunOutcome.Aborted,
                    _ => Seq.RunOutcome.Failed,
                },
                Reason = summary.Outcome.ToString().ToLowerInvariant(),
                Measurements = [],
                RigDuration = (summary.EndedRig ?? summary.StartedRig) - summary.StartedRig,
            });
        }
    }

    /// <summary>
    /// The samples from <paramref name="from"/> on that the page's window would keep, in their order: a long run's
    /// older samples would only be pushed out of the window again, and through the inbox ahead of everything after them.
    /// </summary>
    private static List<Results.TelemetryRow> LatestOfEachParameter(IReadOnlyList<Results.TelemetryRow> telemetry, int from)
    {
        var kept = new Dictionary<string, int>(StringComparer.Ordinal);
        var latest = new List<Results.TelemetryRow>();
        for (int i = telemetry.Count - 1; i >= from; i--)
        {
            Results.TelemetryRow t = telemetry[i];
            int count = kept.GetValueOrDefault(t.Parameter);
            if (count < RunView.TelemetryPointsPerParameter)
            {
                kept[t.Parameter] = count + 1;
                latest.Add(t);
            }
        }

        latest.Reverse();
        return latest;
    }

    private static StepStatus StepStatusOf(string? outcome) => outcome?.ToLowerInvariant() switch
    {
        "passed" => StepStatus.Passed,
        "skipped" => StepStatus.Skipped,
        "cancelled" or "aborted" => StepStatus.Cancelled,
        _ => StepStatus.Failed,
    };
}
