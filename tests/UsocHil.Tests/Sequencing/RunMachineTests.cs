using UsocHil.Testing.Fakes;
using Serilog.Core;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Sequencing;

/// <summary>The run's state machine alone: triggers fired by hand, its collaborators scripted.</summary>
public sealed class RunMachineTests
{
    private ScriptedPhases _phases = null!;
    private CollectingObserver _observer = null!;
    private RunMachine _machine = null!;

    [SetUp]
    public void SetUp()
    {
        _phases = new ScriptedPhases();
        _observer = new CollectingObserver();
        _machine = new RunMachine(_phases, _phases, _observer, TimeProvider.System, Logger.None);
    }

    private async Task FireAsync(params RunTrigger[] triggers)
    {
        foreach (RunTrigger trigger in triggers)
        {
            await _machine.FireAsync(new RunTriggerRequest(trigger, null, $"because {trigger}"));
        }
    }

    /// <summary>Start, connected, powered up, self-tested: the first step is running.</summary>
    private Task ToFirstStepAsync() =>
        FireAsync(RunTrigger.Start, RunTrigger.StepCompleted, RunTrigger.StepCompleted, RunTrigger.StepCompleted);

    [Test]
    public async Task FireAsync_AllPhasesComplete_WalksEveryStateStartingEachPhaseAndCompletesAfterSafing()
    {
        await ToFirstStepAsync();
        _phases.MoreStepsRemain = true;
        await FireAsync(RunTrigger.StepCompleted);
        _phases.MoreStepsRemain = false;
        await FireAsync(RunTrigger.StepCompleted, RunTrigger.StepCompleted, RunTrigger.SafingDone);

        Assert.That(_observer.States, Is.EqualTo(new[]
        {
            RunState.Connecting, RunState.PoweringUp, RunState.SelfTest, RunState.Executing, RunState.Executing,
            RunState.Verifying, RunState.Safing, RunState.Completed,
        }));
        Assert.That(_phases.Started, Is.EqualTo(new[]
        {
            "connect", "section PoweringUp", "section SelfTest", "step", "advance", "step", "advance", "section Verifying", "safe",
        }));
        Assert.That(_machine.Cause, Is.Null);
    }

    [Test]
    public async Task FireAsync_SelfTestDoneAndNoSteps_GoesStraightToVerifying()
    {
        _phases.HasSteps = false;

        await FireAsync(RunTrigger.Start, RunTrigger.StepCompleted, RunTrigger.StepCompleted, RunTrigger.StepCompleted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Verifying));
        Assert.That(_phases.Started, Does.Not.Contain("step"));
    }

    [TestCase(RunTrigger.StepFailed)]
    [TestCase(RunTrigger.Timeout)]
    [TestCase(RunTrigger.HardLimitViolated)]
    [TestCase(RunTrigger.LinkLost)]
    [TestCase(RunTrigger.DeviceRebooted)]
    public async Task FireAsync_FaultInAStep_SafesAndEndsFailedWithThatCause(RunTrigger fault)
    {
        await ToFirstStepAsync();

        await FireAsync(fault);
        Assert.That(_machine.State, Is.EqualTo(RunState.Safing));
        await FireAsync(RunTrigger.SafingDone);

        Assert.That(_machine.State, Is.EqualTo(RunState.Failed));
        Assert.That(_machine.Cause?.Trigger, Is.EqualTo(fault));
        Assert.That(_machine.Cause?.Reason, Is.EqualTo($"because {fault}"));
        Assert.That(_phases.Started[^1], Is.EqualTo("safe"));
    }

    [Test]
    public async Task FireAsync_OperatorAbortInAStep_SafesAndEndsAborted()
    {
        await ToFirstStepAsync();

        await FireAsync(RunTrigger.OperatorAbort, RunTrigger.SafingDone);

        Assert.That(_machine.State, Is.EqualTo(RunState.Aborted));
        Assert.That(_machine.Cause?.Trigger, Is.EqualTo(RunTrigger.OperatorAbort));
    }

    [Test]
    public async Task FireAsync_OperatorAbortDuringSafing_IsRefusedAndSafingCarriesOn()
    {
        await ToFirstStepAsync();
        await FireAsync(RunTrigger.StepFailed);

        await FireAsync(RunTrigger.OperatorAbort, RunTrigger.LinkLost, RunTrigger.StepCompleted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Safing));
        Assert.That(_observer.Events.Select(e => e.Message), Has.Some.Contains("abort refused: safing is in progress"));
        await FireAsync(RunTrigger.SafingDone);
        Assert.That(_machine.Cause?.Trigger, Is.EqualTo(RunTrigger.StepFailed), "the first fault stays the cause");
        Assert.That(_phases.Started.Count(s => s == "safe"), Is.EqualTo(1));
    }

    [TestCase(RunTrigger.StepFailed)]
    [TestCase(RunTrigger.LinkLost)]
    [TestCase(RunTrigger.Timeout)]
    public async Task FireAsync_ConnectingFails_EndsFailedWithoutSafing(RunTrigger fault)
    {
        await FireAsync(RunTrigger.Start, fault);

        Assert.That(_machine.State, Is.EqualTo(RunState.Failed));
        Assert.That(_phases.Started, Is.EqualTo(new[] { "connect" }), "nothing was powered: nothing to safe");
    }

    [Test]
    public async Task FireAsync_AbortBeforeStart_EndsAbortedWithoutConnecting()
    {
        await FireAsync(RunTrigger.OperatorAbort);

        Assert.That(_machine.State, Is.EqualTo(RunState.Aborted));
        Assert.That(_phases.Started, Is.Empty);
    }

    [Test]
    public async Task FireAsync_LinkLostAndReconnectAllowed_ReconnectsThenRepeatsTheInterruptedStep()
    {
        await ToFirstStepAsync();
        _phases.ShouldReconnect = true;

        await FireAsync(RunTrigger.LinkLost);
        Assert.That(_machine.State, Is.EqualTo(RunState.Reconnecting));
        await FireAsync(RunTrigger.LinkLost);
        await FireAsync(RunTrigger.Reconnected);

        Assert.That(_machine.State, Is.EqualTo(RunState.Executing));
        Assert.That(_phases.Started, Is.EqualTo(new[]
        {
            "connect", "section PoweringUp", "section SelfTest", "step", "reconnect from Executing", "step",
        }), "a second loss while reconnecting changes nothing; the step runs again without advancing");
        Assert.That(_machine.Cause, Is.Null);
    }

    [TestCase(RunState.PoweringUp, 2)]
    [TestCase(RunState.SelfTest, 3)]
    [TestCase(RunState.Verifying, 4)]
    public async Task FireAsync_Reconnected_ReturnsToTheInterruptedSection(RunState section, int completions)
    {
        _phases.HasSteps = false;
        _phases.ShouldReconnect = true;
        await FireAsync(RunTrigger.Start);
        for (int i = 1; i < completions; i++)
        {
            await FireAsync(RunTrigger.StepCompleted);
        }

        Assert.That(_machine.State, Is.EqualTo(section));
        await FireAsync(RunTrigger.LinkLost, RunTrigger.Reconnected);

        Assert.That(_machine.State, Is.EqualTo(section));
        Assert.That(_phases.Started.TakeLast(2), Is.EqualTo(new[] { $"reconnect from {section}", $"section {section}" }));
    }

    [Test]
    public async Task FireAsync_ReconnectFailed_SafesAndEndsFailedWithThatCause()
    {
        await ToFirstStepAsync();
        _phases.ShouldReconnect = true;

        await FireAsync(RunTrigger.LinkLost, RunTrigger.ReconnectFailed, RunTrigger.SafingDone);

        Assert.That(_machine.State, Is.EqualTo(RunState.Failed));
        Assert.That(_machine.Cause?.Trigger, Is.EqualTo(RunTrigger.ReconnectFailed));
    }

    [Test]
    public async Task FireAsync_RebootWithReapplyPolicy_ReappliesAndStaysInTheStep()
    {
        await ToFirstStepAsync();
        _phases.ReapplyOnReboot = true;

        await FireAsync(RunTrigger.DeviceRebooted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Executing));
        Assert.That(_phases.Started[^1], Is.EqualTo("reapply"));
    }

    [Test]
    public async Task FireAsync_HoldRequestedDuringAStep_HoldsAfterItWithoutStartingTheNextUntilResumed()
    {
        await ToFirstStepAsync();
        _phases.MoreStepsRemain = true;

        Assert.That(_machine.RequestHold("alice at the terminal"), Is.True);
        await FireAsync(RunTrigger.StepCompleted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Held));
        Assert.That(_phases.Started.TakeLast(2), Is.EqualTo(new[] { "step", "advance" }), "the step under way finished; the next did not start");
        Assert.That(_observer.Events.Select(e => e.Message), Has.Some.Contains("held (asked by alice at the terminal)"));
        await FireAsync(RunTrigger.Resume);
        Assert.That(_machine.State, Is.EqualTo(RunState.Executing));
        Assert.That(_phases.Started[^1], Is.EqualTo("step"));
        await FireAsync(RunTrigger.StepCompleted);
        Assert.That(_machine.State, Is.EqualTo(RunState.Executing), "one hold holds once");
    }

    [TestCase(RunTrigger.OperatorAbort, RunState.Aborted)]
    [TestCase(RunTrigger.HardLimitViolated, RunState.Failed)]
    [TestCase(RunTrigger.LinkLost, RunState.Failed)]
    public async Task FireAsync_AlarmOrAbortWhileHeld_SafesTheRig(RunTrigger trigger, RunState end)
    {
        await ToFirstStepAsync();
        _phases.MoreStepsRemain = true;
        _machine.RequestHold("bob at the monitor page");
        await FireAsync(RunTrigger.StepCompleted);

        await FireAsync(trigger);
        Assert.That(_machine.State, Is.EqualTo(RunState.Safing), "limits and watchdogs stay armed while held");
        await FireAsync(RunTrigger.SafingDone);

        Assert.That(_machine.State, Is.EqualTo(end));
    }

    [Test]
    public async Task RequestHold_WithdrawnBeforeTheBoundary_RunGoesOn()
    {
        await ToFirstStepAsync();
        _phases.MoreStepsRemain = true;
        _machine.RequestHold("alice at the terminal");

        Assert.That(_machine.WithdrawHold(), Is.True);
        await FireAsync(RunTrigger.StepCompleted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Executing));
    }

    [Test]
    public async Task RequestHold_DuringTheLastStep_IsRefusedAndVerificationRuns()
    {
        await ToFirstStepAsync();

        Assert.That(_machine.RequestHold("alice at the terminal"), Is.False, "no step boundary is left to hold at");
        await FireAsync(RunTrigger.StepCompleted);

        Assert.That(_machine.State, Is.EqualTo(RunState.Verifying));
    }

    [Test]
    public async Task FireAsync_EveryTransition_IsObservedWithTheReasonOfItsTrigger()
    {
        await FireAsync(RunTrigger.Start, RunTrigger.StepFailed);

        RunTransition failed = _observer.Transitions.Last();
        Assert.That((failed.Source, failed.Destination, failed.Trigger), Is.EqualTo((RunState.Connecting, RunState.Failed, RunTrigger.StepFailed)));
        Assert.That(failed.Reason, Is.EqualTo("because StepFailed"));
    }
}
