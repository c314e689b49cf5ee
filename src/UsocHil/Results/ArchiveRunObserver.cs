using Serilog;
using UsocHil.Expectations;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Results;

/// <summary>
/// Records what a sequence run reports into the archive: add it to the run's observers, then
/// <see cref="FinishAsync"/> when the run returns. Observer calls are synchronous and must not throw, so rows are
/// queued without awaiting and a failure is logged once, not thrown into the run.
/// </summary>
public sealed class ArchiveRunObserver(RunRecorder recorder, ILogger log) : IRunObserver
{
    // The outcome words as archived ("passed", "failed" …), made once rather than for every step.
    private static readonly string[] StatusWords = Enum.GetNames<StepStatus>().Select(n => n.ToLowerInvariant()).ToArray();

    private readonly Dictionary<string, int> _stepIndexByPath = new(StringComparer.Ordinal);
    private int _nextStep;
    private bool _failed;

    public RunRecorder Recorder => recorder;

    /// <summary>The run's result, once it has reported one.</summary>
    public RunResult? Result { get; private set; }

    public void OnTransition(RunTransition transition) =>
        Safely(() => recorder.Enqueue(WriteKind.Transition, new TransitionRow(transition.RigTime, transition.Source.ToString(), transition.Destination.ToString(), transition.Reason is null ? transition.Trigger.ToString() : $"{transition.Trigger}: {transition.Reason}")));

    // Every step calls these two: static lambdas with their state passed in, no closure allocated per step.
    public void OnStepStarted(StepProgress step) => Safely(step, static (self, step) =>
    {
        int index = self._nextStep++;
        self._stepIndexByPath[step.Path] = index;
        self.Recorder.Enqueue(WriteKind.StepStarted, new StepRow(index, $"{step.Path} {step.Label}", step.Kind, step.RigTime, null, null, null));
    });

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail) => Safely((step, status, detail), static (self, ended) =>
    {
        // Removed once ended: a path seen again (a sweep's next iteration) starts anew, and a long run's map stays small.
        if (self._stepIndexByPath.Remove(ended.step.Path, out int index))
        {
            StepStatus status = ended.status;
            self.Recorder.Enqueue(WriteKind.StepEnded, new StepEnd(index, ended.step.RigTime, (uint)status < (uint)StatusWords.Length ? StatusWords[(int)status] : status.ToString().ToLowerInvariant(), ended.detail));
        }
    });

    public void OnMeasurement(Measurement measurement) => Safely(() =>
    {
        // The judged result goes in whole; a value recorded without a verdict is a plain row with no expectation.
        JudgedResult result = measurement.Result;
        recorder.Enqueue(WriteKind.Measurement, new MeasurementRow(measurement.RigTime, null, result.Expectation, result.Measured, result.Unit, result.IsJudged ? result : null));
        if (result.Requirement is { } requirement)
        {
            recorder.Enqueue(WriteKind.Requirement, new RequirementRow(measurement.RigTime, requirement, result.Expectation, result.Verdict.ToText()));
        }
    });

    public void OnTelemetry(TelemetrySample sample) => Safely(() => recorder.EnqueueTelemetry(sample.RigTime, sample.Parameter, sample.Value));

    public void OnEvent(RunEvent runEvent) =>
        Safely(() => recorder.Enqueue(WriteKind.Event, new EventRow(runEvent.RigTime, 0, runEvent.Source, runEvent.Severity, runEvent.Message)));

    public void OnCommand(CommandRecord command) => Safely(() => recorder.Enqueue(WriteKind.Command, new CommandRow
    {
        Time = command.RigTime,
        Name = command.Command,
        Accepted = command.Acceptance is { } a ? command.RigTime + a : null,
        Completed = command.Completion is { } c ? command.RigTime + c : null,
        Failure = command.Succeeded ? null : command.Failure ?? "failed",
        FailureCode = command.Succeeded ? null : command.FailureCode,
    }));

    public void OnCalibration(CalibrationProduct product) => Safely(() =>
    {
        int n = Math.Min(product.X.Count, Math.Min(product.Y.Count, product.Residuals.Count));
        recorder.Enqueue(WriteKind.Calibration, new CalibrationRow
        {
            Sensor = product.Sensor,
            Model = product.Name,
            Coefficients = product.Coefficients,
            Uncertainties = product.StandardUncertainties,
            ResidualRms = n == 0 ? double.NaN : Math.Sqrt(product.Residuals.Take(n).Average(r => r * r)),
            RSquared = product.RSquared,
            Points = Enumerable.Range(0, n).Select(i => new CalibrationPoint(product.X[i], product.Y[i], product.Residuals[i])).ToArray(),
        });
    });

    public void OnBudget(BudgetProduct product) => Safely(() => recorder.Enqueue(WriteKind.Budget, new BudgetRow
    {
        Time = product.RigTime,
        Subject = product.Subject,
        Kind = product.Kind,
        Unit = product.Budget.Unit,
        Combined = product.Budget.Combined,
        EffectiveDegreesOfFreedom = product.Budget.EffectiveDegreesOfFreedom,
        CoverageFactor = product.Budget.CoverageFactor,
        Expanded = product.Budget.Expanded,
        CoverageProbability = product.Budget.CoverageProbability,
        Components = product.Budget.Components.Select(c => new BudgetComponentRow(c.Name, c.StandardUncertainty, c.SensitivityCoefficient, c.DegreesOfFreedom)).ToArray(),
    }));

    public void OnUnitIdentified(string serial, DateTimeOffset rigTime) => Safely(() => recorder.Enqueue(WriteKind.UnitSerial, serial));

    public void OnRunFinished(RunResult result) => Result = result;

    /// <summary>Keeps a space packet the rig session's payload link carried (not an observer call: the host wires it to the session).</summary>
    public void OnPacket(CapturedPacket packet) => Safely(() => recorder.Enqueue(WriteKind.Packet, PacketRow.From(packet)));

    /// <summary>Seals the run with the outcome it reported (error if it reported none).</summary>
    public Task<string> FinishAsync(CancellationToken cancellationToken) =>
        recorder.FinishAsync(Result is { } r ? OutcomeOf(r.Outcome) : ArchivedOutcome.Error, cancellationToken);

    public static ArchivedOutcome OutcomeOf(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Passed => ArchivedOutcome.Passed,
        RunOutcome.VerdictFailed or RunOutcome.Failed => ArchivedOutcome.Failed,
        RunOutcome.Aborted => ArchivedOutcome.Aborted,
        _ => ArchivedOutcome.Error,
    };

    private void Safely(Action record) => Safely(record, static (_, record) => record());

    private void Safely<TState>(TState state, Action<ArchiveRunObserver, TState> record)
    {
        try
        {
            record(this, state);
        }
        catch (Exception e) when (e is ResultsArchiveException or ObjectDisposedException or InvalidOperationException)
        {
            if (!_failed)
            {
                _failed = true;
                log.Error(e, "Recording run {Run} into the archive failed; later rows of this run are lost", recorder.RunId);
            }
        }
    }
}
