using Serilog;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Tests.Sequencing;

public sealed class SequenceRunTests : FakeFurnaceRunFixture
{
    private SequenceRun NewRun(params ISequenceStep[] steps) => NewRun(new SequencePlan { Name = "test", Version = "1", Steps = steps });

    private SequenceRun NewRun(SequencePlan plan, Func<CancellationToken, Task<IRigSession>>? connect) => NewRun(plan, null, connect);

    private IEnumerable<string> SafingActions => Session.Actions.SkipWhile(a => a != "tc HEATER_OFF");

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_AllStepsPass_WalksEveryStateAndEndsCompletedAfterSafing(CancellationToken cancellationToken)
    {
        var run = NewRun(new SequencePlan
        {
            Name = "test", Version = "1",
            PowerUp = [DelegateStep.Ok("p")], SelfTest = [DelegateStep.Ok("s")],
            Steps = [DelegateStep.Ok("a"), DelegateStep.Ok("b"), DelegateStep.Ok("c")],
            Verify = [DelegateStep.Ok("v")],
        });

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.FinalState, Is.EqualTo(RunState.Completed));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed));
        Assert.That(Observer.States, Is.EqualTo(new[]
        {
            RunState.Connecting, RunState.PoweringUp, RunState.SelfTest, RunState.Executing, RunState.Executing, RunState.Executing,
            RunState.Verifying, RunState.Safing, RunState.Completed,
        }));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
        Assert.That(result.Safing!.AllSucceeded, Is.True);
        Assert.That(Session.Disposed, Is.True);
        Assert.That(Observer.Finished.Select(f => f.Step.Path), Is.EqualTo(new[] { "power-up.1", "self-test.1", "1", "2", "3", "verify.1" }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_StepFails_SafesAndEndsFailedNamingTheStep(CancellationToken cancellationToken)
    {
        var run = NewRun(DelegateStep.Ok("a"), new DelegateStep("b", (_, _) => throw new InvalidOperationException("boom")), DelegateStep.Ok("c"));

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.FinalState, Is.EqualTo(RunState.Failed));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.StepFailed));
        Assert.That(result.Reason, Does.Contain("step 2").And.Contain("boom"));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
        Assert.That(Observer.Finished.Select(f => f.Step.Label), Does.Not.Contain("c"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_StepExceedsItsTimeout_FiresTimeoutAndSafes(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        var run = NewRun(DelegateStep.Forever("hang", started, TimeSpan.FromSeconds(5)));

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Cause, Is.EqualTo(RunTrigger.Timeout));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Failed));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
    }

    [TestCase(RigAlarmKind.HardLimitViolated, RunTrigger.HardLimitViolated, RunOutcome.Failed)]
    [TestCase(RigAlarmKind.LinkLost, RunTrigger.LinkLost, RunOutcome.LinkLost)]
    [TestCase(RigAlarmKind.DeviceRebooted, RunTrigger.DeviceRebooted, RunOutcome.Failed)]
    [CancelAfter(10_000)]
    public async Task RunAsync_AlarmDuringStep_SafesAndEndsFailedWithThatCause(RigAlarmKind alarm, RunTrigger cause, RunOutcome outcome, CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        var run = NewRun(DelegateStep.Forever("heat", started));
        Task<RunResult> running = run.RunAsync(cancellationToken);
        await started.Task.WaitAsync(cancellationToken);

        Session.Raise(alarm, "TC1_TEMP 1041 above red 1040");
        RunResult result = await running;

        Assert.That(result.FinalState, Is.EqualTo(RunState.Failed));
        Assert.That(result.Cause, Is.EqualTo(cause));
        Assert.That(result.Outcome, Is.EqualTo(outcome));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_LinkDeadDuringSafing_StillSwitchesGpioAndSupplyOff(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        var run = NewRun(DelegateStep.Forever("heat", started));
        Task<RunResult> running = run.RunAsync(cancellationToken);
        await started.Task.WaitAsync(cancellationToken);

        Session.PayloadLinkDead = true;
        Session.Raise(RigAlarmKind.LinkLost, "payload tty closed");
        RunResult result = await running;

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Safing!.Actions.Select(a => (a.Name, a.Succeeded)), Is.EqualTo(new[]
        {
            ("command HEATER_OFF", false), ("gpio POWER_EN=released", true), ("gpio HEATER_ARM=released", true), ("supply OUTP OFF", true),
        }));
        Assert.That(Session.Lines["POWER_EN"], Is.False);
        Assert.That(Session.Actions[^1], Is.EqualTo("supply OUTP OFF"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAbort_DuringStep_SafesAndEndsAbortedAndRefusesASecondAbort(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        var run = NewRun(DelegateStep.Forever("heat", started));
        Task<RunResult> running = run.RunAsync(cancellationToken);
        await started.Task.WaitAsync(cancellationToken);

        bool first = run.RequestAbort("SIGINT");
        bool second = run.RequestAbort("SIGINT again");
        RunResult result = await running;

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(result.FinalState, Is.EqualTo(RunState.Aborted));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Aborted));
        Assert.That(result.Reason, Is.EqualTo("SIGINT"));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
        Assert.That(Observer.Events.Select(e => e.Message), Has.Some.Contains("abort refused"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_TokenCancelled_IsAnOperatorAbort(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        using var operatorCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = NewRun(DelegateStep.Forever("heat", started));
        Task<RunResult> running = run.RunAsync(operatorCancel.Token);
        await started.Task.WaitAsync(cancellationToken);

        await operatorCancel.CancelAsync();
        RunResult result = await running;

        Assert.That(result.FinalState, Is.EqualTo(RunState.Aborted));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_ConnectFails_EndsFailedWithoutTouchingTheRig(CancellationToken cancellationToken)
    {
        var run = NewRun(new SequencePlan { Name = "t", Version = "1", Steps = [DelegateStep.Ok("a")] },
            _ => throw new UsocHil.Links.LinkClosedException("/dev/ttyUSB9", "no such device"));

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.FinalState, Is.EqualTo(RunState.Failed));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Reason, Does.Contain("/dev/ttyUSB9"));
        Assert.That(Observer.States, Does.Not.Contain(RunState.PoweringUp));
        Assert.That(Session.Actions, Is.Empty);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_FailedVerdictRecorded_CompletesWithVerdictFailed(CancellationToken cancellationToken)
    {
        var run = NewRun(new DelegateStep("verify", (context, _) =>
        {
            context.Record(Measurement.Within(context.Path, "agreement", ["TC1_TEMP"], 0.5, "K", null, 0.3, context.Now));
            return Task.CompletedTask;
        }), DelegateStep.Ok("after"));

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.FinalState, Is.EqualTo(RunState.Completed));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.VerdictFailed));
        Assert.That(result.FailedMeasurements.Single().Name, Is.EqualTo("agreement"));
        Assert.That(Observer.Finished.Select(f => f.Step.Label), Does.Contain("after"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_RebootWithReapplyPolicy_ReappliesVolatileParametersAndCarriesOn(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var plan = new SequencePlan
        {
            Name = "t", Version = "1", Policy = new SequencePolicy { OnReboot = "reapply" },
            Steps =
            [
                new DelegateStep("apply", (context, _) => { context.Data.Applied("PID_KP", 42); return Task.CompletedTask; }),
                new DelegateStep("hold", async (_, ct) => { started.TrySetResult(); await release.Task.WaitAsync(ct); }),
            ],
        };
        var run = NewRun(plan);
        Task<RunResult> running = run.RunAsync(cancellationToken);
        await started.Task.WaitAsync(cancellationToken);

        Session.Raise(RigAlarmKind.DeviceRebooted, "BOOT_COMPLETE");
        await Session.WaitForActionAsync("set PID_KP=42", cancellationToken);

        release.SetResult();
        RunResult result = await running;

        Assert.That(result.FinalState, Is.EqualTo(RunState.Completed));
    }
}
