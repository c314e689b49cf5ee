using Serilog;
using Serilog.Events;
using Stateless;
using Stateless.Reflection;

namespace UsocHil.Sequencing;

/// <summary>
/// The shape of a run: one Stateless state machine with its states, permitted triggers and described guards. Entry
/// actions only start work (<see cref="IRunPhases"/>, <see cref="IRunRecovery"/>); the work posts its outcome back as a
/// trigger. The superstate Active permits abort, red limit, link loss, time-out and failure to Safing, so every step
/// state inherits them, and every path out of PoweringUp passes through Safing. Records the trigger that ended the run.
/// </summary>
internal sealed class RunMachine
{
    private readonly StateMachine<RunState, RunTrigger> _machine;
    private readonly IRunPhases _phases;
    private readonly IRunRecovery _recovery;
    private readonly IRunObserver _observer;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private volatile RunState _state = RunState.Idle;
    private RunTriggerRequest? _firing;
    private RunTriggerRequest? _cause;
    private volatile bool _holdRequested;
    private string _holdBy = "";

    public RunMachine(IRunPhases phases, IRunRecovery recovery, IRunObserver observer, TimeProvider time, ILogger log)
    {
        _phases = phases;
        _recovery = recovery;
        _observer = observer;
        _time = time;
        _log = log;
        _machine = Configure();
    }

    public RunState State => _state;

    /// <summary>The fault or abort that sent the run to Safing or ended it; null while none has.</summary>
    public RunTriggerRequest? Cause => _cause;

    public StateMachineInfo Info => _machine.GetInfo();

    /// <summary>Holds the run at the next step boundary; false when it is held already, over, or past its last step boundary.</summary>
    /// <param name="by">Who asked, for the record ("alice at the terminal").</param>
    public bool RequestHold(string by)
    {
        if (_state is RunState.Held or RunState.Safing or RunState.Verifying || IsTerminal(_state) || (_state == RunState.Executing && !_phases.MoreStepsRemain))
        {
            return false;
        }

        _holdBy = by;
        _holdRequested = true;
        return true;
    }

    /// <summary>Withdraws a hold not yet reached; false when none was pending.</summary>
    public bool WithdrawHold()
    {
        bool pending = _holdRequested;
        _holdRequested = false;
        return pending;
    }

    public static bool IsTerminal(RunState state) => state is RunState.Completed or RunState.Failed or RunState.Aborted;

    public Task FireAsync(RunTriggerRequest request)
    {
        _firing = request;
        return _machine.FireAsync(request.Trigger);
    }

    /// <summary>Safing is never interrupted: an abort during it is refused, and said so.</summary>
    public void RefuseAbort()
    {
        _log.Warning("Abort refused: safing is in progress");
        _observer.OnEvent(new RunEvent("operator", "warning", "abort refused: safing is in progress, wait for it to finish", _time.GetUtcNow()));
    }

    private StateMachine<RunState, RunTrigger> Configure()
    {
        var machine = new StateMachine<RunState, RunTrigger>(() => _state, s => _state = s, FiringMode.Queued);

        machine.Configure(RunState.Idle)
            .Permit(RunTrigger.Start, RunState.Connecting)
            .Permit(RunTrigger.OperatorAbort, RunState.Aborted);

        // Nothing is powered yet: a failure to connect ends the run without safing (the session cleans up what it opened).
        machine.Configure(RunState.Connecting)
            .OnEntry(_phases.Connect, "Open the rig session")
            .Permit(RunTrigger.StepCompleted, RunState.PoweringUp)
            .Permit(RunTrigger.StepFailed, RunState.Failed)
            .Permit(RunTrigger.LinkLost, RunState.Failed)
            .Permit(RunTrigger.Timeout, RunState.Failed)
            .Permit(RunTrigger.OperatorAbort, RunState.Aborted);

        machine.Configure(RunState.Active)
            .Permit(RunTrigger.OperatorAbort, RunState.Safing)
            .Permit(RunTrigger.HardLimitViolated, RunState.Safing)
            .PermitIf(RunTrigger.LinkLost, RunState.Safing, () => !_recovery.ShouldReconnect, "policy onLinkLoss is fail, or the binding cannot reconnect")
            .PermitIf(RunTrigger.LinkLost, RunState.Reconnecting, () => _recovery.ShouldReconnect, "policy onLinkLoss is reconnect")
            .Permit(RunTrigger.Timeout, RunState.Safing)
            .Permit(RunTrigger.StepFailed, RunState.Safing)
            .PermitIf(RunTrigger.DeviceRebooted, RunState.Safing, () => !_recovery.ReapplyOnReboot, "policy onReboot is fail")
            .InternalTransitionIf(RunTrigger.DeviceRebooted, _ => _recovery.ReapplyOnReboot, _ => _recovery.Reapply(), "policy onReboot is reapply");

        machine.Configure(RunState.PoweringUp)
            .SubstateOf(RunState.Active)
            .OnEntry(() => _phases.RunSection(RunState.PoweringUp), "Run the power-up steps")
            .Permit(RunTrigger.StepCompleted, RunState.SelfTest);

        machine.Configure(RunState.SelfTest)
            .SubstateOf(RunState.Active)
            .OnEntry(() => _phases.RunSection(RunState.SelfTest), "Run the self-test steps")
            .PermitIf(RunTrigger.StepCompleted, RunState.Executing, () => _phases.HasSteps && !_holdRequested, "the sequence has steps")
            .PermitIf(RunTrigger.StepCompleted, RunState.Held, () => _phases.HasSteps && _holdRequested, "the sequence has steps, the operator asked to hold")
            .PermitIf(RunTrigger.StepCompleted, RunState.Verifying, () => !_phases.HasSteps, "the sequence has no steps");

        machine.Configure(RunState.Executing)
            .SubstateOf(RunState.Active)
            .OnEntry(_phases.RunCurrentStep, "Run the current step")
            .OnExit(t => { if (t.Trigger == RunTrigger.StepCompleted) { _phases.AdvanceStep(); } }, "Advance to the next step")
            .PermitReentryIf(RunTrigger.StepCompleted, () => _phases.MoreStepsRemain && !_holdRequested, "more steps remain")
            .PermitIf(RunTrigger.StepCompleted, RunState.Held, () => _phases.MoreStepsRemain && _holdRequested, "more steps remain, the operator asked to hold")
            .PermitIf(RunTrigger.StepCompleted, RunState.Verifying, () => !_phases.MoreStepsRemain, "last step done");

        // Nothing runs while held; the rig session's limit guard and watchdogs do, and Active's alarms still safe the rig.
        machine.Configure(RunState.Held)
            .SubstateOf(RunState.Active)
            .OnEntry(EnterHold, "Hold: run nothing until the operator resumes")
            .Permit(RunTrigger.Resume, RunState.Executing);

        machine.Configure(RunState.Verifying)
            .SubstateOf(RunState.Active)
            .OnEntry(() => _phases.RunSection(RunState.Verifying), "Run the verification steps")
            .Permit(RunTrigger.StepCompleted, RunState.Safing);

        // Reached only from a phase of Active; alarms of the dead link are expected here and change nothing.
        machine.Configure(RunState.Reconnecting)
            .SubstateOf(RunState.Active)
            .OnEntry(t => _recovery.Reconnect(t.Source), "Cancel the interrupted step, reconnect with backoff, check the payload is alive")
            .PermitIf(RunTrigger.Reconnected, RunState.PoweringUp, () => _recovery.Interrupted == RunState.PoweringUp, "interrupted in power-up")
            .PermitIf(RunTrigger.Reconnected, RunState.SelfTest, () => _recovery.Interrupted == RunState.SelfTest, "interrupted in self-test")
            .PermitIf(RunTrigger.Reconnected, RunState.Executing, () => _recovery.Interrupted == RunState.Executing, "interrupted in a step: repeat it")
            .PermitIf(RunTrigger.Reconnected, RunState.Verifying, () => _recovery.Interrupted == RunState.Verifying, "interrupted in verification")
            .PermitIf(RunTrigger.Reconnected, RunState.Held, () => _recovery.Interrupted == RunState.Held, "lost while held: hold again")
            .Permit(RunTrigger.ReconnectFailed, RunState.Safing)
            .Ignore(RunTrigger.LinkLost);

        machine.Configure(RunState.Safing)
            .OnEntry(StartSafing, "Safe the rig: payload safing commands, GPIO safe levels, instruments' safe commands")
            .PermitIf(RunTrigger.SafingDone, RunState.Completed, () => _cause is null, "no fault and no abort")
            .PermitIf(RunTrigger.SafingDone, RunState.Aborted, () => _cause?.Trigger == RunTrigger.OperatorAbort, "operator aborted")
            .PermitIf(RunTrigger.SafingDone, RunState.Failed, () => _cause is not null && _cause.Trigger != RunTrigger.OperatorAbort, "a fault sent the run to safing")
            .InternalTransition(RunTrigger.OperatorAbort, _ => RefuseAbort())
            .Ignore(RunTrigger.StepCompleted)
            .Ignore(RunTrigger.StepFailed)
            .Ignore(RunTrigger.Timeout)
            .Ignore(RunTrigger.LinkLost)
            .Ignore(RunTrigger.Reconnected)
            .Ignore(RunTrigger.ReconnectFailed)
            .Ignore(RunTrigger.HardLimitViolated)
            .Ignore(RunTrigger.DeviceRebooted)
            .Ignore(RunTrigger.Resume);

        machine.Configure(RunState.Failed).OnEntry(NoteCause, "Record the cause");
        machine.Configure(RunState.Aborted).OnEntry(NoteCause, "Record the cause");
        machine.Configure(RunState.Completed);

        machine.OnTransitioned(OnTransitioned);
        machine.OnUnhandledTrigger((state, trigger) => _log.Debug("Ignored {Trigger} in {State}", trigger, state));
        return machine;
    }

    private void OnTransitioned(StateMachine<RunState, RunTrigger>.Transition transition)
    {
        string? reason = _firing?.Trigger == transition.Trigger ? _firing.Reason : null;
        // Executing -> Executing after every step says nothing the step's own line has not; keep it out of the operator's log.
        LogEventLevel level = transition.IsReentry ? LogEventLevel.Debug : LogEventLevel.Information;
        if (_log.IsEnabled(level))
        {
            _log.Write(level, "Run {Source} -> {Destination} on {Trigger}{Reason}", transition.Source, transition.Destination, transition.Trigger, reason is null ? "" : ": " + reason);
        }
        _observer.OnTransition(new RunTransition(transition.Source, transition.Destination, transition.Trigger, _time.GetUtcNow(), reason));
    }

    private void EnterHold(StateMachine<RunState, RunTrigger>.Transition transition)
    {
        _holdRequested = false;
        if (transition.Source == RunState.Reconnecting)
        {
            return;
        }

        _log.Warning("Run held by {By} at a step boundary; limits and watchdogs stay armed", _holdBy);
        _observer.OnEvent(new RunEvent("operator", "info",
            $"held (asked by {_holdBy}): no step runs, the rig stays as the last step left it, limits and watchdogs stay armed",
            _time.GetUtcNow()));
    }

    private void NoteCause()
    {
        if (_firing is { } firing && firing.Trigger is not (RunTrigger.StepCompleted or RunTrigger.SafingDone or RunTrigger.Start))
        {
            _cause ??= firing;
        }
    }

    private void StartSafing()
    {
        NoteCause();
        _phases.Safe();
    }
}
