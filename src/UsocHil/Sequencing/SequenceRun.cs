using UsocHil.Expectations;
using Serilog;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing.Steps;
using UsocHil.Description;

namespace UsocHil.Sequencing;

/// <summary>
/// One run of a sequence on one rig. Three parts do the work: the state machine (<see cref="RunMachine"/>, Stateless),
/// the phase runner that walks the plan's steps (<see cref="PhaseRunner"/>) and the link-recovery policy
/// (<see cref="LinkRecovery"/>). This class feeds the machine from a single loop reading the trigger queue, so step
/// completions, alarms from the rig session and the operator's abort are fired one at a time, and says how the run ended.
/// </summary>
public sealed class SequenceRun
{
    private readonly SequencePlan _plan;
    private readonly RunSetup _setup;
    private readonly ILogger _log;
    private readonly RunTriggers _triggers = new();
    private readonly RunData _data = new();
    private readonly PhaseRunner _phases;
    private readonly RunMachine _machine;
    private int _abortRequested;

    public SequenceRun(
        SequencePlan plan,
        RigDefinition rig,
        Func<CancellationToken, Task<IRigSession>> connect,
        RunOptions options,
        IRunObserver observer,
        TimeProvider time,
        RigSafing safing,
        ILogger log)
    {
        _plan = plan;
        _log = log.ForContext("Sequence", plan.Name);
        _setup = new RunSetup(rig, connect, options, observer, time, safing, _log);
        _phases = new PhaseRunner(plan, _setup, _data, _triggers, Attach, error => LinkRecovery.LostLinkEvidence(plan.Policy, error));
        _machine = new RunMachine(_phases, new LinkRecovery(plan.Policy, _setup, _data, _phases), observer, time, _log);
    }

    public RunState State => _machine.State;

    /// <summary>The top-level step running now (0-based), meaningful in Executing.</summary>
    public int StepIndex => _phases.StepIndex;

    public SequencePlan Plan => _plan;

    /// <summary>
    /// Asks the run to abort. Returns false, and changes nothing, while safing is already under way or the run is over:
    /// safing is never interrupted.
    /// </summary>
    public bool RequestAbort(string reason)
    {
        RunState state = _machine.State;
        if (RunMachine.IsTerminal(state))
        {
            _setup.Observer.OnEvent(new RunEvent("operator", "warning", "abort refused: the run is over", _setup.Time.GetUtcNow()));
            return false;
        }

        if (state == RunState.Safing || Interlocked.Exchange(ref _abortRequested, 1) == 1)
        {
            _machine.RefuseAbort();
            return false;
        }

        _triggers.Post(RunTrigger.OperatorAbort, null, reason);
        return true;
    }

    /// <summary>
    /// Holds the run at the next step boundary (the step under way finishes; the rig stays as it leaves it). Returns
    /// false, and records why, when the run is held already, is safing or is over.
    /// </summary>
    /// <param name="by">Who asked, for the record ("alice at the terminal").</param>
    public bool RequestHold(string by)
    {
        if (!_machine.RequestHold(by))
        {
            OperatorEvent("warning", $"hold asked by {by} refused: the run is {_machine.State}");
            return false;
        }

        OperatorEvent("info", $"hold requested by {by}: the run holds once the step under way is done");
        return true;
    }

    /// <summary>
    /// Resumes a held run (the next step runs), or withdraws a hold not yet reached. Returns false, and records why,
    /// when there is nothing to resume.
    /// </summary>
    public bool Resume(string by)
    {
        if (_machine.State == RunState.Held)
        {
            OperatorEvent("info", $"resumed by {by}");
            _triggers.Post(RunTrigger.Resume, null, $"resumed by {by}");
            return true;
        }

        if (_machine.WithdrawHold())
        {
            OperatorEvent("info", $"hold withdrawn by {by} before the run reached it");
            return true;
        }

        OperatorEvent("warning", $"resume asked by {by} ignored: the run is not held ({_machine.State})");
        return false;
    }

    /// <summary>Runs the sequence to its end and returns how it ended. Cancelling the token is an operator abort.</summary>
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        TimeProvider time = _setup.Time;
        long started = time.GetTimestamp();
        _setup.Observer.OnRunStarted(new RunStart(_setup.Rig.Name, _plan.Name, _plan.Version, _plan.Hash, _plan.Steps.Count, time.GetUtcNow()));
        _log.Information("Run of {Sequence} {Version} on {Rig} starting with {StepCount} steps", _plan.Name, _plan.Version, _setup.Rig.Name, _plan.Steps.Count);
        await using CancellationTokenRegistration abortOnCancel = cancellationToken.Register(() => RequestAbort("cancellation requested"));
        _triggers.Post(RunTrigger.Start, null, null);
        try
        {
            await foreach (RunTriggerRequest request in _triggers.ReadAllAsync().ConfigureAwait(false))
            {
                if (_triggers.IsStale(request))
                {
                    _log.Debug("Dropped {Trigger} from finished phase {Generation}", request.Trigger, request.Generation);
                    continue;
                }

                await _machine.FireAsync(request).ConfigureAwait(false);
                if (RunMachine.IsTerminal(_machine.State))
                {
                    break;
                }
            }
        }
        finally
        {
            await _phases.StopAsync().ConfigureAwait(false);
            if (_phases.Session is { } session)
            {
                Detach(session);
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        RunResult result = BuildResult(time.GetElapsedTime(started));
        _log.Information("Run of {Sequence} ended {FinalState} with outcome {Outcome}{Reason}", _plan.Name, result.FinalState, result.Outcome, result.Reason is null ? "" : ": " + result.Reason);
        _setup.Observer.OnRunFinished(result);
        return result;
    }

    /// <summary>The run's state machine as DOT or Mermaid.</summary>
    public string ExportGraph(GraphFormat format) => RunGraph.Format(_machine.Info, format);

    /// <summary>The machine of a run of <paramref name="plan"/>, without running anything (nothing connects, no clock ticks).</summary>
    public static string Graph(SequencePlan plan, RigDefinition rig, GraphFormat format) =>
        new SequenceRun(plan, rig, _ => throw new InvalidOperationException("a graph export never connects"), new RunOptions(), new NoObserver(), new FrozenClock(), new RigSafing(new FrozenClock(), Serilog.Core.Logger.None), Serilog.Core.Logger.None)
            .ExportGraph(format);

    /// <summary>Every state reachable from <paramref name="from"/> along permitted transitions (superstates' included).</summary>
    internal IReadOnlySet<RunState> Reachable(RunState from) => RunGraph.Reachable(_machine.Info, from);

    /// <summary>Terminal states reachable from <paramref name="from"/> without passing through Safing.</summary>
    internal IReadOnlySet<RunState> DirectTerminalsFrom(RunState from) => RunGraph.DirectTerminalsFrom(_machine.Info, from);

    private void OperatorEvent(string severity, string message)
    {
        _log.Information("Operator: {Message}", message);
        _setup.Observer.OnEvent(new RunEvent("operator", severity, message, _setup.Time.GetUtcNow()));
    }

    private RunResult BuildResult(TimeSpan rigDuration)
    {
        IReadOnlyList<Measurement> measurements = _data.Measurements;
        RunTriggerRequest? cause = _machine.Cause;
        RunState state = _machine.State;
        RunOutcome outcome = state switch
        {
            RunState.Aborted => RunOutcome.Aborted,
            RunState.Failed when cause?.Trigger is RunTrigger.LinkLost or RunTrigger.ReconnectFailed => RunOutcome.LinkLost,
            RunState.Failed => RunOutcome.Failed,
            _ when measurements.Any(m => m.Verdict.IsFailing()) => RunOutcome.VerdictFailed,
            _ => RunOutcome.Passed,
        };
        return new RunResult
        {
            Sequence = _plan.Name,
            FinalState = state,
            Outcome = outcome,
            Cause = cause?.Trigger,
            Reason = cause?.Reason,
            Measurements = measurements,
            Safing = _phases.SafingReport,
            RigDuration = rigDuration,
        };
    }

    private void Attach(IRigSession session)
    {
        session.Alarm += OnAlarm;
        session.Telemetry.Updated += OnTelemetry;
        (session as RigSession)?.CheckLinkAlive();
    }

    private void Detach(IRigSession session)
    {
        session.Alarm -= OnAlarm;
        session.Telemetry.Updated -= OnTelemetry;
    }

    private void OnTelemetry(IReadOnlyList<TelemetrySample> samples)
    {
        foreach (TelemetrySample sample in samples)
        {
            _setup.Observer.OnTelemetry(sample);
        }
    }

    private void OnAlarm(RigAlarm alarm)
    {
        _setup.Observer.OnEvent(new RunEvent(alarm.Source, alarm.Kind == RigAlarmKind.Warning ? "warning" : "alarm", alarm.Message, alarm.RigTime));
        RunTrigger? trigger = alarm.Kind switch
        {
            RigAlarmKind.LinkLost => RunTrigger.LinkLost,
            RigAlarmKind.HardLimitViolated => RunTrigger.HardLimitViolated,
            RigAlarmKind.DeviceRebooted => RunTrigger.DeviceRebooted,
            _ => null,
        };
        if (trigger is { } t)
        {
            _triggers.Post(t, null, $"{alarm.Source}: {alarm.Message}");
        }
    }

    private sealed class NoObserver : IRunObserver;

    /// <summary>A clock that never moves, for building a machine only to draw it.</summary>
    private sealed class FrozenClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch;

        public override long GetTimestamp() => 0;
    }
}
