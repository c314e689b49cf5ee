using Serilog.Core;
using UsocHil.Description;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing.Steps;
using UsocHil.Sequencing;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>The phase runner alone: phases started by hand, their outcomes read from the trigger queue.</summary>
public sealed class PhaseRunnerTests
{
    private RigDefinition _rig = null!;
    private FakeRigSession _session = null!;
    private CollectingObserver _observer = null!;
    private RunTriggers _triggers = null!;
    private IAsyncEnumerator<RunTriggerRequest> _queue = null!;
    private List<IRigSession> _connected = null!;

    [SetUp]
    public void SetUp()
    {
        _rig = TestRigs.Furnace();
        _session = new FakeRigSession(_rig, TimeProvider.System);
        _observer = new CollectingObserver();
        _triggers = new RunTriggers();
        _queue = _triggers.ReadAllAsync().GetAsyncEnumerator();
        _connected = [];
    }

    [TearDown]
    public async Task TearDown()
    {
        await _queue.DisposeAsync();
        await _session.DisposeAsync();
    }

    private PhaseRunner NewRunner(SequencePlan plan, Func<Exception, Exception?>? lostLinkEvidence = null) =>
        new(plan, new RunSetup(_rig, _ => Task.FromResult<IRigSession>(_session), new RunOptions(), _observer, TimeProvider.System, new RigSafing(TimeProvider.System, Logger.None), Logger.None),
            new RunData(), _triggers, _connected.Add, lostLinkEvidence ?? (_ => null));

    private static SequencePlan Plan(params ISequenceStep[] steps) => new() { Name = "t", Version = "1", Steps = steps };

    private async Task<RunTriggerRequest> NextAsync(CancellationToken cancellationToken)
    {
        Assert.That(await _queue.MoveNextAsync().AsTask().WaitAsync(cancellationToken), Is.True);
        return _queue.Current;
    }

    /// <summary>Connects and returns the runner with the session open.</summary>
    private async Task<PhaseRunner> ConnectedAsync(SequencePlan plan, CancellationToken cancellationToken, Func<Exception, Exception?>? lostLinkEvidence = null)
    {
        PhaseRunner runner = NewRunner(plan, lostLinkEvidence);
        runner.Connect();
        Assert.That((await NextAsync(cancellationToken)).Trigger, Is.EqualTo(RunTrigger.StepCompleted));
        return runner;
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Connect_SessionOpens_HandsItOverAndCompletesThePhase(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(), cancellationToken);

        Assert.That(runner.Session, Is.SameAs(_session));
        Assert.That(_connected, Is.EqualTo(new[] { _session }));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunCurrentStep_ThenAdvance_WalksTheStepsInOrder(CancellationToken cancellationToken)
    {
        var ran = new List<string>();
        ISequenceStep Step(string label) => new DelegateStep(label, (_, _) =>
        {
            ran.Add(label);
            return Task.CompletedTask;
        });
        PhaseRunner runner = await ConnectedAsync(Plan(Step("a"), Step("b")), cancellationToken);

        runner.RunCurrentStep();
        await NextAsync(cancellationToken);
        Assert.That(runner.MoreStepsRemain, Is.True);
        runner.AdvanceStep();
        runner.RunCurrentStep();
        await NextAsync(cancellationToken);

        Assert.That(ran, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(runner.StepIndex, Is.EqualTo(1));
        Assert.That(runner.MoreStepsRemain, Is.False);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunSection_EmptySection_CompletesAtOnce(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(), cancellationToken);

        runner.RunSection(RunState.SelfTest);

        RunTriggerRequest completed = await NextAsync(cancellationToken);
        Assert.That(completed.Trigger, Is.EqualTo(RunTrigger.StepCompleted));
        Assert.That(_triggers.IsStale(completed), Is.False);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunCurrentStep_StepFails_PostsStepFailedNamingTheStep(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(new DelegateStep("bad", (_, _) => throw new InvalidOperationException("no such mode"))), cancellationToken);

        runner.RunCurrentStep();

        RunTriggerRequest failed = await NextAsync(cancellationToken);
        Assert.That(failed.Trigger, Is.EqualTo(RunTrigger.StepFailed));
        Assert.That(failed.Reason, Does.Contain("no such mode"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunCurrentStep_StepPastItsTimeBound_PostsTimeout(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(DelegateStep.Forever("slow", new TaskCompletionSource(), TimeSpan.FromMilliseconds(50))), cancellationToken);

        runner.RunCurrentStep();

        Assert.That((await NextAsync(cancellationToken)).Trigger, Is.EqualTo(RunTrigger.Timeout));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunCurrentStep_LinkBroke_PostsLinkLost(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(new DelegateStep("tc", (_, _) => throw new LinkClosedException("/dev/pts/3", "peer vanished"))), cancellationToken);

        runner.RunCurrentStep();

        RunTriggerRequest lost = await NextAsync(cancellationToken);
        Assert.That(lost.Trigger, Is.EqualTo(RunTrigger.LinkLost));
        Assert.That(lost.Reason, Does.Contain("peer vanished"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunCurrentStep_FailureThePolicyCountsAsALostLink_PostsLinkLost(CancellationToken cancellationToken)
    {
        var unanswered = new TimeoutException("no parameter report");
        PhaseRunner runner = await ConnectedAsync(Plan(new DelegateStep("read", (_, _) => throw unanswered)), cancellationToken,
            error => error.InnerException == unanswered ? unanswered : null);

        runner.RunCurrentStep();

        RunTriggerRequest lost = await NextAsync(cancellationToken);
        Assert.That(lost.Trigger, Is.EqualTo(RunTrigger.LinkLost));
        Assert.That(lost.Reason, Does.Contain("the payload did not answer (no parameter report): treating the link as lost"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_NewPhaseWhileTheOldOneRuns_CancelsTheOldOneAndMakesItsLateOutcomeStale(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(), cancellationToken);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var oldToken = new TaskCompletionSource<CancellationToken>();

        runner.Start("old", async ct =>
        {
            oldToken.SetResult(ct);
            await release.Task; // ignores its token: finishes late
        });
        CancellationToken old = await oldToken.Task.WaitAsync(cancellationToken);
        runner.Start("new", _ => Task.CompletedTask);
        RunTriggerRequest fresh = await NextAsync(cancellationToken);
        release.SetResult();
        RunTriggerRequest late = await NextAsync(cancellationToken);

        Assert.That(old.IsCancellationRequested, Is.True);
        Assert.That(_triggers.IsStale(fresh), Is.False);
        Assert.That(_triggers.IsStale(late), Is.True);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Safe_DuringAStep_CancelsItSafesTheRigAndPostsSafingDone(CancellationToken cancellationToken)
    {
        var started = new TaskCompletionSource();
        PhaseRunner runner = await ConnectedAsync(Plan(DelegateStep.Forever("long", started)), cancellationToken);
        runner.RunCurrentStep();
        await started.Task.WaitAsync(cancellationToken);

        runner.Safe();

        RunTriggerRequest done = await NextAsync(cancellationToken);
        Assert.That(done.Trigger, Is.EqualTo(RunTrigger.SafingDone));
        Assert.That(runner.SafingReport?.Actions.Select(a => a.Name), Is.Not.Empty);
        Assert.That(_session.Actions, Does.Contain("supply OUTP OFF"));
        Assert.That(_observer.Events.Select(e => e.Source), Has.Some.EqualTo("safing"));
        await runner.StopAsync();
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task RunAlongside_WorkFails_FailsThePhaseUnderWay(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(), cancellationToken);
        runner.Start("waiting", ct => Task.Delay(Timeout.InfiniteTimeSpan, ct));

        runner.RunAlongside(_ => throw new LinkClosedException("tcp:1", "reset"), "re-applying failed");

        RunTriggerRequest failed = await NextAsync(cancellationToken);
        Assert.That(failed.Trigger, Is.EqualTo(RunTrigger.StepFailed));
        Assert.That(failed.Reason, Does.StartWith("re-applying failed: ").And.Contain("reset"));
        Assert.That(_triggers.IsStale(failed), Is.False);
        await runner.StopAsync();
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task StopAsync_PhaseStillRunning_CancelsAndWaitsForIt(CancellationToken cancellationToken)
    {
        PhaseRunner runner = await ConnectedAsync(Plan(), cancellationToken);
        var cancelled = new TaskCompletionSource();
        runner.Start("hanging", async ct =>
        {
            await using CancellationTokenRegistration _ = ct.Register(cancelled.SetResult);
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });

        await runner.StopAsync().WaitAsync(cancellationToken);

        Assert.That(cancelled.Task.IsCompleted, Is.True);
    }
}
