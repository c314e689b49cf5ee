using Serilog;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Tests.Sequencing;

/// <summary>Policy onLinkLoss = reconnect: reconnect with bounded backoff, then repeat the interrupted phase, or safe.</summary>
public sealed class SequenceRunReconnectTests : FakeFurnaceRunFixture
{
    private static readonly ReconnectPolicy Quick = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private SequenceRun NewRun(string onLinkLoss, ReconnectPolicy? policy, ISequenceStep[] steps, ISequenceStep[]? powerUp = null) =>
        NewRun(new SequencePlan { Name = "t", Version = "1", Policy = new SequencePolicy { OnLinkLoss = onLinkLoss }, PowerUp = powerUp ?? [], Steps = steps },
            new RunOptions { Reconnect = policy ?? Quick });

    /// <summary>A step whose first <paramref name="drops"/> runs lose the payload link (an alarm, as the session raises it) and hang; later runs pass.</summary>
    private DelegateStep Dropping(string label, int drops, List<int> runs) => new(label, async (context, ct) =>
    {
        int run;
        lock (runs)
        {
            runs.Add(runs.Count + 1);
            run = runs.Count;
        }

        if (run <= drops)
        {
            Session.PayloadLinkDead = true;
            Session.Raise(RigAlarmKind.LinkLost, "no housekeeping for 16 s");
            await Task.Delay(Timeout.InfiniteTimeSpan, context.Time, ct);
        }
    });

    private IEnumerable<string> SafingActions => Session.Actions.SkipWhile(a => a != "tc HEATER_OFF");

    /// <summary>With the payload link dead, HEATER_OFF cannot go out; GPIO and the supply still switch off, last.</summary>
    private void AssertSafedOverGpioAndSupply() =>
        Assert.That(Session.Actions.TakeLast(3), Is.EqualTo(new[] { "gpio POWER_EN=0", "gpio HEATER_ARM=0", "supply OUTP OFF" }));

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_LinkLostMidStep_ReconnectsWithBackoffAndRepeatsThatStep(CancellationToken cancellationToken)
    {
        var runs = new List<int>();
        Session.Reopen = (attempt, _) => attempt == 1 ? throw new LinkClosedException("127.0.0.1:5000", "refused") : Task.CompletedTask;
        var run = NewRun("reconnect", null, [DelegateStep.Ok("a"), Dropping("b", 1, runs), DelegateStep.Ok("c")]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), result.Reason);
        Assert.That(runs, Has.Count.EqualTo(2), "step b ran again after the reconnect");
        Assert.That(Session.ReconnectAttempts, Is.EqualTo(2));
        Assert.That(Observer.States, Is.EqualTo(new[]
        {
            RunState.Connecting, RunState.PoweringUp, RunState.SelfTest, RunState.Executing, RunState.Executing, RunState.Reconnecting,
            RunState.Executing, RunState.Executing, RunState.Verifying, RunState.Safing, RunState.Completed,
        }));
        RunTransition back = Observer.Transitions.Single(t => t.Source == RunState.Reconnecting);
        Assert.That(back.Trigger, Is.EqualTo(RunTrigger.Reconnected));
        Assert.That(back.Reason, Does.Contain("after 2 attempts").And.Contain("repeating step 2"));
        Assert.That(Observer.Transitions.Single(t => t.Destination == RunState.Reconnecting).Reason, Does.Contain("no housekeeping for 16 s"));
        Assert.That(Observer.Events.Select(e => e.Message), Has.Some.Contains("reconnecting (policy onLinkLoss is reconnect"));
        Assert.That(Observer.Finished.Select(f => (f.Step.Label, f.Status)), Is.EqualTo(new[]
        {
            ("a", StepStatus.Passed), ("b", StepStatus.Cancelled), ("b", StepStatus.Passed), ("c", StepStatus.Passed),
        }));
        Assert.That(SafingActions, Is.EqualTo(FurnaceSafing), "the link is back, so safing commands the heater off too");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_LinkNeverComesBack_FailsIntoSafingAfterMaxAttemptsAsLinkLost(CancellationToken cancellationToken)
    {
        Session.Reopen = (_, _) => throw new LinkClosedException("127.0.0.1:5000", "refused");
        var run = NewRun("reconnect", null, [Dropping("b", 1, [])]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(Session.ReconnectAttempts, Is.EqualTo(Quick.MaxAttempts));
        Assert.That(result.FinalState, Is.EqualTo(RunState.Failed));
        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.ReconnectFailed));
        Assert.That(result.Reason, Does.Contain("not back after 3 reconnect attempts").And.Contain("refused"));
        Assert.That(Observer.States.TakeLast(3), Is.EqualTo(new[] { RunState.Reconnecting, RunState.Safing, RunState.Failed }));
        AssertSafedOverGpioAndSupply();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_AttemptHangs_IsCutByTheAttemptTimeout(CancellationToken cancellationToken)
    {
        Session.Reopen = async (attempt, ct) =>
        {
            if (attempt == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, Time, ct);
            }
        };
        var run = NewRun("reconnect", Quick with { AttemptTimeout = TimeSpan.FromMilliseconds(50) }, [Dropping("b", 1, [])]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), result.Reason);
        Assert.That(Session.ReconnectAttempts, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_FailPolicy_SafesWithoutReconnecting(CancellationToken cancellationToken)
    {
        Session.Reopen = (_, _) => Task.CompletedTask;
        var run = NewRun("fail", null, [Dropping("b", 1, [])]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.LinkLost));
        Assert.That(Session.ReconnectAttempts, Is.Zero);
        Assert.That(Observer.States, Does.Not.Contain(RunState.Reconnecting));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_BindingCannotReconnect_SafesAsWithFail(CancellationToken cancellationToken)
    {
        var run = NewRun("reconnect", null, [Dropping("b", 1, [])]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(Observer.States, Does.Not.Contain(RunState.Reconnecting));
        AssertSafedOverGpioAndSupply();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_LinkKeepsDropping_FailsOnceTheOutagesAreSpent(CancellationToken cancellationToken)
    {
        var runs = new List<int>();
        Session.Reopen = (_, _) => Task.CompletedTask;
        var run = NewRun("reconnect", Quick with { MaxOutages = 2 }, [Dropping("b", 10, runs)]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.LinkLost));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.LinkLost));
        Assert.That(runs, Has.Count.EqualTo(3));
        Assert.That(Observer.States.Count(s => s == RunState.Reconnecting), Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RequestAbort_WhileReconnecting_SafesAndEndsAborted(CancellationToken cancellationToken)
    {
        var reconnecting = new TaskCompletionSource();
        Session.Reopen = async (_, ct) =>
        {
            reconnecting.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, Time, ct);
        };
        var run = NewRun("reconnect", Quick with { AttemptTimeout = TimeSpan.FromMinutes(5) }, [Dropping("b", 1, [])]);
        Task<RunResult> running = run.RunAsync(cancellationToken);
        await reconnecting.Task.WaitAsync(cancellationToken);

        Assert.That(run.RequestAbort("operator"), Is.True);
        RunResult result = await running;

        Assert.That(result.FinalState, Is.EqualTo(RunState.Aborted));
        Assert.That(Observer.States.TakeLast(3), Is.EqualTo(new[] { RunState.Reconnecting, RunState.Safing, RunState.Aborted }));
        AssertSafedOverGpioAndSupply();
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_LinkExceptionInPowerUp_ReconnectsAndRepeatsThePowerUpSection(CancellationToken cancellationToken)
    {
        int powerUps = 0;
        Session.Reopen = (_, _) => Task.CompletedTask;
        var powerUp = new DelegateStep("boot", (_, _) => ++powerUps == 1 ? throw new LinkClosedException("/dev/ttyUSB0", "device vanished") : Task.CompletedTask);
        var run = NewRun("reconnect", null, [DelegateStep.Ok("a")], [powerUp]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), result.Reason);
        Assert.That(powerUps, Is.EqualTo(2));
        Assert.That(Observer.States.Take(5), Is.EqualTo(new[] { RunState.Connecting, RunState.PoweringUp, RunState.Reconnecting, RunState.PoweringUp, RunState.SelfTest }));
        Assert.That(Observer.Transitions.Single(t => t.Destination == RunState.Reconnecting).Reason, Does.Contain("device vanished"));
    }

    [TestCase("reconnect", RunOutcome.Passed)]
    [TestCase("fail", RunOutcome.Failed)]
    [CancelAfter(10_000)]
    public async Task RunAsync_CommandNobodyAnswers_IsALostLinkOnlyUnderTheReconnectPolicy(string policy, RunOutcome outcome, CancellationToken cancellationToken)
    {
        int sends = 0;
        Session.Reopen = (_, _) => Task.CompletedTask;
        var command = new DelegateStep("HEATER_ON", (_, _) => ++sends == 1
            ? throw new StepFailedException("1", "HEATER_ON failed", new UsocHil.Protocols.Pus.CommandTimeoutException(7, UsocHil.Protocols.Pus.Services.VerificationStage.Acceptance, TimeSpan.FromSeconds(200), "HEATER_ON"))
            : Task.CompletedTask);
        var run = NewRun(policy, null, [command]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(outcome), result.Reason);
        Assert.That(Session.ReconnectAttempts, Is.EqualTo(policy == "reconnect" ? 1 : 0));
        Assert.That(sends, Is.EqualTo(policy == "reconnect" ? 2 : 1));
    }
}
