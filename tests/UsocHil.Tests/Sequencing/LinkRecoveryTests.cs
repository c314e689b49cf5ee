using Serilog.Core;
using UsocHil.Description;
using UsocHil.Links;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Protocols.Pus;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing.Steps;
using UsocHil.Sequencing;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>The link-recovery policy alone, over a real phase runner and an in-memory rig session.</summary>
public sealed class LinkRecoveryTests
{
    private static readonly SequencePolicy Reconnect = new() { OnLinkLoss = "reconnect", OnReboot = "reapply" };
    private static readonly SequencePolicy Fail = new();
    private static readonly ReconnectPolicy Quick = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), AttemptTimeout = TimeSpan.FromSeconds(5), MaxOutages = 2 };

    private FakeRigSession _session = null!;
    private CollectingObserver _observer = null!;
    private RunTriggers _triggers = null!;
    private IAsyncEnumerator<RunTriggerRequest> _queue = null!;
    private RunData _data = null!;
    private PhaseRunner? _phases;

    [SetUp]
    public void SetUp()
    {
        RigDefinition rig = TestRigs.Furnace();
        _session = new FakeRigSession(rig, TimeProvider.System);
        _observer = new CollectingObserver();
        _triggers = new RunTriggers();
        _queue = _triggers.ReadAllAsync().GetAsyncEnumerator();
        _data = new RunData();
        _phases = null;
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_phases is not null)
        {
            await _phases.StopAsync();
        }

        await _queue.DisposeAsync();
        await _session.DisposeAsync();
    }

    private async Task<LinkRecovery> ConnectedAsync(SequencePolicy policy, CancellationToken cancellationToken)
    {
        var setup = new RunSetup(_session.Rig, _ => Task.FromResult<IRigSession>(_session), new RunOptions { Reconnect = Quick }, _observer,
            TimeProvider.System, new RigSafing(TimeProvider.System, Logger.None), Logger.None);
        var plan = new SequencePlan { Name = "t", Version = "1", Policy = policy, Steps = [DelegateStep.Ok("a"), DelegateStep.Ok("b")] };
        var phases = new PhaseRunner(plan, setup, _data, _triggers, _ => { }, error => LinkRecovery.LostLinkEvidence(policy, error));
        _phases = phases;
        phases.Connect();
        Assert.That((await NextAsync(cancellationToken)).Trigger, Is.EqualTo(RunTrigger.StepCompleted));
        return new LinkRecovery(policy, setup, _data, phases);
    }

    private async Task<RunTriggerRequest> NextAsync(CancellationToken cancellationToken)
    {
        Assert.That(await _queue.MoveNextAsync().AsTask().WaitAsync(cancellationToken), Is.True);
        return _queue.Current;
    }

    [Test]
    public void LostLinkEvidence_UnansweredCommandUnderReconnect_IsThatTimeout()
    {
        var unanswered = new CommandTimeoutException(0x1864C000, VerificationStage.Acceptance, TimeSpan.FromSeconds(2), "GO");
        var failed = new StepFailedException("3", "command: no acceptance report", unanswered);

        Assert.That(LinkRecovery.LostLinkEvidence(Reconnect, failed), Is.SameAs(unanswered));
        Assert.That(LinkRecovery.LostLinkEvidence(Reconnect, new TimeoutException("no parameter report")), Is.Not.Null);
    }

    [Test]
    public void LostLinkEvidence_UnderFailOrAStepsOwnTimeBound_IsNull()
    {
        var unanswered = new CommandTimeoutException(0x1864C000, VerificationStage.Acceptance, TimeSpan.FromSeconds(2), "GO");

        Assert.That(LinkRecovery.LostLinkEvidence(Fail, unanswered), Is.Null, "policy fail: a failed command is a failed step");
        Assert.That(LinkRecovery.LostLinkEvidence(Reconnect, new StepTimeoutException("2", "wait: not reached within 60 s")), Is.Null);
        Assert.That(LinkRecovery.LostLinkEvidence(Reconnect, new InvalidOperationException("no such mode")), Is.Null);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ShouldReconnect_PolicyFailOrBindingCannotReopen_IsFalse(CancellationToken cancellationToken)
    {
        _session.Reopen = (_, _) => Task.CompletedTask;
        Assert.That((await ConnectedAsync(Fail, cancellationToken)).ShouldReconnect, Is.False);
        await _phases!.StopAsync();

        _session.Reopen = null;
        Assert.That((await ConnectedAsync(Reconnect, cancellationToken)).ShouldReconnect, Is.False);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Reconnect_SecondAttemptSucceeds_PostsReconnectedNamingAttemptsAndTheStepToRepeat(CancellationToken cancellationToken)
    {
        _session.Reopen = (attempt, _) => attempt == 1 ? throw new LinkClosedException("127.0.0.1:5000", "refused") : Task.CompletedTask;
        LinkRecovery recovery = await ConnectedAsync(Reconnect, cancellationToken);
        Assert.That(recovery.ShouldReconnect, Is.True);
        _phases!.AdvanceStep();

        recovery.Reconnect(RunState.Executing);

        RunTriggerRequest back = await NextAsync(cancellationToken);
        Assert.That(back.Trigger, Is.EqualTo(RunTrigger.Reconnected));
        Assert.That(back.Reason, Does.Contain("after 2 attempts").And.Contain("repeating step 2"));
        Assert.That(recovery.Interrupted, Is.EqualTo(RunState.Executing));
        Assert.That(_session.ReconnectAttempts, Is.EqualTo(2));
        Assert.That(_observer.Events.Select(e => e.Message), Has.Some.Contains("payload link lost during step 2: reconnecting (policy onLinkLoss is reconnect, outage 1)"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Reconnect_LinkNeverBack_PostsReconnectFailedAfterMaxAttempts(CancellationToken cancellationToken)
    {
        _session.Reopen = (_, _) => throw new LinkClosedException("127.0.0.1:5000", "refused");
        LinkRecovery recovery = await ConnectedAsync(Reconnect, cancellationToken);

        recovery.Reconnect(RunState.SelfTest);

        RunTriggerRequest failed = await NextAsync(cancellationToken);
        Assert.That(failed.Trigger, Is.EqualTo(RunTrigger.ReconnectFailed));
        Assert.That(failed.Reason, Does.Contain("not back after 3 reconnect attempts").And.Contain("refused"));
        Assert.That(_session.ReconnectAttempts, Is.EqualTo(Quick.MaxAttempts));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ShouldReconnect_OutagesUsedUp_IsFalse(CancellationToken cancellationToken)
    {
        _session.Reopen = (_, _) => Task.CompletedTask;
        LinkRecovery recovery = await ConnectedAsync(Reconnect, cancellationToken);

        for (int outage = 0; outage < Quick.MaxOutages; outage++)
        {
            Assert.That(recovery.ShouldReconnect, Is.True);
            recovery.Reconnect(RunState.Executing);
            Assert.That((await NextAsync(cancellationToken)).Trigger, Is.EqualTo(RunTrigger.Reconnected));
        }

        Assert.That(recovery.ShouldReconnect, Is.False, "a link that keeps dropping fails the run");
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Reapply_AfterAReboot_SetsTheAppliedVolatileParametersAgain(CancellationToken cancellationToken)
    {
        LinkRecovery recovery = await ConnectedAsync(Reconnect, cancellationToken);
        _data.Applied("PID_KP", 12.5);
        _data.Applied("RAMP_RATE", 10);

        Assert.That(recovery.ReapplyOnReboot, Is.True);
        recovery.Reapply();

        await _session.WaitForActionAsync("set RAMP_RATE=10", cancellationToken);
        await _session.WaitForActionAsync("set PID_KP=12.5", cancellationToken);
        Assert.That(_observer.Events.Select(e => e.Message), Has.Some.EqualTo("device rebooted: re-applying 2 volatile parameters"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Reapply_SettingFails_FailsThePhaseUnderWay(CancellationToken cancellationToken)
    {
        LinkRecovery recovery = await ConnectedAsync(Reconnect, cancellationToken);
        _data.Applied("PID_KP", 12.5);
        _session.PayloadLinkDead = true;

        recovery.Reapply();

        RunTriggerRequest failed = await NextAsync(cancellationToken);
        Assert.That(failed.Trigger, Is.EqualTo(RunTrigger.StepFailed));
        Assert.That(failed.Reason, Does.StartWith("re-applying parameters after reboot failed: "));
    }
}
