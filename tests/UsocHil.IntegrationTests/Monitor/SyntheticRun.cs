using System.Globalization;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>
/// Drives an observer the way a furnace calibration does (transitions, steps, telemetry with a ramp, verdicts,
/// events, commands), one explicit call at a time, on a rig clock of its own: for tests of the monitor that must
/// not wait for a real run.
/// </summary>
internal sealed class SyntheticRun(IRunObserver observer)
{
    public static readonly string[] Thermocouples = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP"];

    private static readonly DateTimeOffset s_origin = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private RunState _state = RunState.Idle;
    private double _temperature = 21.0;
    private int _started;

    public TimeSpan Elapsed { get; private set; }

    public DateTimeOffset Now => s_origin + Elapsed;

    public RunState State => _state;

    public void Start(int stepCount)
    {
        observer.OnRunStarted(new RunStart("furnace-em", "calibrate-thermocouples", "1.0", null, stepCount, Now));
        MoveTo(RunState.Connecting, RunTrigger.Start);
    }

    public void MoveTo(RunState destination, RunTrigger trigger, string? reason = null)
    {
        observer.OnTransition(new RunTransition(_state, destination, trigger, Now, reason));
        _state = destination;
    }

    /// <summary>Housekeeping at 1 Hz of rig time: three thermocouples ramping towards <paramref name="target"/> and the heater power.</summary>
    public void Housekeeping(int seconds, double target)
    {
        for (int i = 0; i < seconds; i++)
        {
            Elapsed += TimeSpan.FromSeconds(1);
            _temperature += (target - _temperature) * 0.05;
            double power = Math.Clamp((target - _temperature) * 4, 0, 600);
            for (int k = 0; k < Thermocouples.Length; k++)
            {
                observer.OnTelemetry(new TelemetrySample(Thermocouples[k], _temperature + (k * 0.3), Now));
            }

            observer.OnTelemetry(new TelemetrySample("HEATER_POWER", power, Now));
        }
    }

    /// <summary>The unit's mode, one sample now.</summary>
    public void Mode(double mode) => observer.OnTelemetry(new TelemetrySample("MODE", mode, Now));

    public StepProgress StartStep(int count, string kind, string label)
    {
        int index = _started++;
        var step = new StepProgress((index + 1).ToString(CultureInfo.InvariantCulture), index, count, kind, label, Now);
        observer.OnStepStarted(step);
        return step;
    }

    public void FinishStep(StepProgress step, StepStatus status = StepStatus.Passed) =>
        observer.OnStepFinished(step with { RigTime = Now }, status, null);

    public void Verdict(string step, string name, double value, Expectations.Verdict verdict, double margin) =>
        observer.OnMeasurement(new Measurement(step, new Expectations.JudgedResult
        {
            Expectation = name,
            Parameters = ["TC1_TEMP"],
            Verdict = verdict,
            Measured = value,
            Unit = "K",
            High = 0.3,
            Margin = margin,
            Message = "|residual| <= 0.3 K",
            Evidence = new Expectations.Evidence([0, 1, 2, 3], [value, value, value, value]),
        }, Now));

    public void Event(string source, string severity, string message) => observer.OnEvent(new RunEvent(source, severity, message, Now));

    public void Command(string name, bool succeeded, string? failure = null) =>
        observer.OnCommand(new CommandRecord(name, new Dictionary<string, double> { ["SETPOINT"] = 500 }, succeeded,
            TimeSpan.FromMilliseconds(40), succeeded ? TimeSpan.FromMilliseconds(310) : null, failure, Now));

    public void Finish(RunState finalState, RunOutcome outcome, string? reason = null) =>
        observer.OnRunFinished(new RunResult
        {
            Sequence = "calibrate-thermocouples",
            FinalState = finalState,
            Outcome = outcome,
            Reason = reason,
            Measurements = [],
            RigDuration = Elapsed,
        });
}
