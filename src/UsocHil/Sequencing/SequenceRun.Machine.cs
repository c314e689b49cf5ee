using System.Globalization;
using Serilog.Events;
using Stateless;
using UsocHil.Rigs;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Sequencing;

/// <summary>The shape of the run: states, permitted triggers with described guards, and what each state starts.</summary>
public sealed partial class SequenceRun
{
    private int _abortRequested;

    private StateMachine<RunState, RunTrigger> CreateMachine()
    {
        var machine = new StateMachine<RunState, RunTrigger>(() => _state, s => _state = s, FiringMode.Queued);

        machine.Configure(RunState.Idle)
            .Permit(RunTrigger.Start, RunState.Connecting)
            .Permit(RunTrigger.OperatorAbort, RunState.Aborted);

        // Nothing is powered yet: a failure to connect ends the run without safing (the session cleans up what it opened).
        machine.Configure(RunState.Connecting)
            .OnEntry(() => StartPhase("connect", ConnectAsync), "Open the rig session")
            .Permit(RunTrigger.StepCompleted, RunState.PoweringUp)
            .Permit(RunTrigger.StepFailed, RunState.Failed)
            .Permit(RunTrigger.LinkLost, RunState.Failed)
            .Permit(RunTrigger.Timeout, RunState.Failed)
            .Permit(RunTrigger.OperatorAbort, RunState.Aborted);

        machine.Configure(RunState.Active)
            .Permit(RunTrigger.OperatorAbort, RunState.Safing)
            .Permit(RunTrigger.HardLimitViolated, RunState.Safing)
            .PermitIf(RunTrigger.LinkLost, RunState.Safing, () => !ShouldReconnect, "policy onLinkLoss is fail, or the binding cannot reconnect")
            .PermitIf(RunTrigger.LinkLost, RunState.Reconnecting, () => ShouldReconnect, "policy onLinkLoss is reconnect")
            .Permit(RunTrigger.Timeout, RunState.Safing)
            .Permit(RunTrigger.StepFailed, RunState.Safing)
            .PermitIf(RunTrigger.DeviceRebooted, RunState.Safing, () => !_plan.Policy.ReapplyOnReboot, "policy onReboot is fail")
            .InternalTransitionIf(RunTrigger.DeviceRebooted, _ => _plan.Policy.ReapplyOnReboot, _ => Reapply(), "policy onReboot is reapply");

        machine.Configure(RunState.PoweringUp)
            .SubstateOf(RunState.Active)
            .OnEntry(() => StartPhase("power-up", ct => RunSectionAsync(_plan.PowerUp, "power-up", ct)), "Run the power-up steps")
            .Permit(RunTrigger.StepCompleted, RunState.SelfTest);

        machine.Configure(RunState.SelfTest)
            .SubstateOf(RunState.Active)
            .OnEntry(() => StartPhase("self-test", ct => RunSectionAsync(_plan.SelfTest, "self-test", ct)), "Run the self-test steps")
            .PermitIf(RunTrigger.StepCompleted, RunState.Executing, () => _plan.Steps.Count > 0, "the sequence has steps")
            .PermitIf(RunTrigger.StepCompleted, RunState.Verifying, () => _plan.Steps.Count == 0, "the sequence has no steps");

        machine.Configure(RunState.Executing)
            .SubstateOf(RunState.Active)
            .OnEntry(StartStep, "Run the current step")
            .OnExit(t => { if (t.Trigger == RunTrigger.StepCompleted) { _stepIndex++; } }, "Advance to the next step")
            .PermitReentryIf(RunTrigger.StepCompleted, () => _stepIndex + 1 < _plan.Steps.Count, "more steps remain")
            .PermitIf(RunTrigger.StepCompleted, RunState.Verifying, () => _stepIndex + 1 >= _plan.Steps.Count, "last step done");

        machine.Configure(RunState.Verifying)
            .SubstateOf(RunState.Active)
            .OnEntry(() => StartPhase("verify", ct => RunSectionAsync(_plan.Verify, "verify", ct)), "Run the verification steps")
            .Permit(RunTrigger.StepCompleted, RunState.Safing);

        // Reached only from a phase of Active; alarms of the dead link are expected here and change nothing.
        machine.Configure(RunState.Reconnecting)
            .SubstateOf(RunState.Active)
            .OnEntry(t => BeginReconnect(t.Source), "Cancel the interrupted step, reconnect with backoff, check the payload is alive")
            .PermitIf(RunTrigger.Reconnected, RunState.PoweringUp, () => _interrupted == RunState.PoweringUp, "interrupted in power-up")
            .PermitIf(RunTrigger.Reconnected, RunState.SelfTest, () => _interrupted == RunState.SelfTest, "interrupted in self-test")
            .PermitIf(RunTrigger.Reconnected, RunState.Executing, () => _interrupted == RunState.Executing, "interrupted in a step: repeat it")
            .PermitIf(RunTrigger.Reconnected, RunState.Verifying, () => _interrupted == RunState.Verifying, "interrupted in verification")
            .Permit(RunTrigger.ReconnectFailed, RunState.Safing)
            .Ignore(RunTrigger.LinkLost);

        machine.Configure(RunState.Safing)
            .OnEntry(StartSafing, "Heater off, outputs safe, supply off")
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
            .Ignore(RunTrigger.DeviceRebooted);

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
        _log.Write(level, "Run {Source} -> {Destination} on {Trigger}{Reason}", transition.Source, transition.Destination, transition.Trigger, reason is null ? "" : ": " + reason);
        _observer.OnTransition(new RunTransition(transition.Source, transition.Destination, transition.Trigger, _time.GetUtcNow(), reason));
    }

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        IRigSession session = await _connect(cancellationToken).ConfigureAwait(false);
        Attach(session);
    }

    private Task RunSectionAsync(IReadOnlyList<ISequenceStep> steps, string section, CancellationToken cancellationToken) =>
        steps.Count == 0 ? Task.CompletedTask : StepRunner.RunAllAsync(RootContext(section), steps, section, VariableScope.Empty, cancellationToken);

    private void StartStep()
    {
        int index = _stepIndex;
        string path = (index + 1).ToString(CultureInfo.InvariantCulture);
        StartPhase($"step {path}", ct => StepRunner.RunOneAsync(RootContext(path), _plan.Steps[index], index, _plan.Steps.Count, ct));
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
        CancelPhase();
        Task safing = Task.Run(async () =>
        {
            try
            {
                _safingReport = await _safing.SafeAsync(_session, _rig, action =>
                    _observer.OnEvent(new RunEvent("safing", action.Succeeded ? "info" : "warning", action.Succeeded ? $"{action.Name}: done" : $"{action.Name}: {action.Error}", _time.GetUtcNow()))).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.Error(ex, "Safing itself failed");
            }
            finally
            {
                Post(RunTrigger.SafingDone, null, null);
            }
        });
        lock (_work)
        {
            _work.Add(safing);
        }
    }

    private void RefuseAbort()
    {
        _log.Warning("Abort refused: safing is in progress");
        _observer.OnEvent(new RunEvent("operator", "warning", "abort refused: safing is in progress, wait for it to finish", _time.GetUtcNow()));
    }

    private void Reapply()
    {
        IReadOnlyDictionary<string, double> applied = _data.AppliedParameters;
        long generation = Interlocked.Read(ref _generation);
        _log.Warning("Device rebooted: re-applying {Count} volatile parameters", applied.Count);
        _observer.OnEvent(new RunEvent("run", "warning", $"device rebooted: re-applying {applied.Count} volatile parameters", _time.GetUtcNow()));
        if (_session is null || applied.Count == 0)
        {
            return;
        }

        IRigSession session = _session;
        Task task = Task.Run(async () =>
        {
            try
            {
                await session.SetParametersAsync(applied, _runCancellation.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Post(RunTrigger.StepFailed, generation, $"re-applying parameters after reboot failed: {ex.Message}");
            }
        });
        lock (_work)
        {
            _work.Add(task);
        }
    }
}
