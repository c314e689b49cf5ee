using Serilog.Core;
using UsocHil.Description;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;
using UsocHil.Time;

namespace UsocHil.Tests.Sequencing;

/// <summary>A prompt step in a run: what each answer does to the run, and what the record keeps of it.</summary>
public sealed class PromptStepTests : FakeFurnaceRunFixture
{
    private Task<RunResult> RunAsync(IOperatorPrompt? prompt, CancellationToken cancellationToken, bool assumeYes = false) =>
        NewRun(new SequencePlan
        {
            Name = "test", Version = "1",
            Steps = [new PromptStep("Door closed?", TimeSpan.FromSeconds(30)), DelegateStep.Ok("heat")],
        }, new RunOptions { Prompt = prompt, AssumeYes = assumeYes }).RunAsync(cancellationToken);

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_OperatorConfirms_RunsTheNextStepAndRecordsWhoAndWhen(CancellationToken cancellationToken)
    {
        var prompt = new ScriptedPrompt(OperatorDecision.Confirm);

        RunResult result = await RunAsync(prompt, cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed));
        OperatorQuestion asked = prompt.Asked.Single();
        Assert.That((asked.Step, asked.Message, asked.Next, asked.Timeout), Is.EqualTo(("1", "Door closed?", "step 2 test: heat", (TimeSpan?)TimeSpan.FromSeconds(30))));
        Assert.That(Observer.Events.Where(e => e.Source == "operator").Select(e => e.Message),
            Has.Some.EqualTo("prompt at step 1 \"Door closed?\": confirmed by alice at the terminal at 2026-12-05T07:31:02Z"));
        Assert.That(Observer.Finished.Select(f => f.Step.Label), Does.Contain("heat"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_OperatorRefuses_SafesAndFailsWithoutRunningTheNextStep(CancellationToken cancellationToken)
    {
        RunResult result = await RunAsync(new ScriptedPrompt(OperatorDecision.Refuse), cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Failed));
        Assert.That(result.Reason, Does.Contain("the operator refused: Door closed? (alice)"));
        Assert.That(Observer.States, Does.Contain(RunState.Safing));
        Assert.That(Session.Actions, Does.Contain("supply OUTP OFF"));
        Assert.That(Observer.Finished.Select(f => f.Step.Label), Does.Not.Contain("heat"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_OperatorAborts_SafesAndEndsAborted(CancellationToken cancellationToken)
    {
        RunResult result = await RunAsync(new ScriptedPrompt(OperatorDecision.Abort), cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Aborted));
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.OperatorAbort));
        Assert.That(Session.Actions, Does.Contain("supply OUTP OFF"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_NoAnswerInTime_SafesAndFailsSayingSo(CancellationToken cancellationToken)
    {
        RunResult result = await RunAsync(new ScriptedPrompt(null), cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Failed));
        Assert.That(result.Reason, Does.Contain("no answer to \"Door closed?\" within 30 s"));
        Assert.That(Session.Actions, Does.Contain("supply OUTP OFF"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_NobodyToAskAndNoYes_FailsNamingTheYesOption(CancellationToken cancellationToken)
    {
        RunResult result = await RunAsync(null, cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Failed));
        Assert.That(result.Reason, Does.Contain("--yes"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task RunAsync_AssumeYes_NeverAsks(CancellationToken cancellationToken)
    {
        var prompt = new ScriptedPrompt(OperatorDecision.Refuse);

        RunResult result = await RunAsync(prompt, cancellationToken, assumeYes: true);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed));
        Assert.That(prompt.Asked, Is.Empty);
    }

    /// <summary>An operator who always gives the same answer (null: never answers in time).</summary>
    private sealed class ScriptedPrompt(OperatorDecision? decision) : IOperatorPrompt
    {
        public List<OperatorQuestion> Asked { get; } = [];

        public Task<OperatorAnswer?> AskAsync(OperatorQuestion question, CancellationToken cancellationToken)
        {
            Asked.Add(question);
            return Task.FromResult(decision is { } d ? new OperatorAnswer(d, "alice", "terminal", new DateTimeOffset(2026, 12, 5, 7, 31, 2, TimeSpan.Zero)) : null);
        }
    }
}
