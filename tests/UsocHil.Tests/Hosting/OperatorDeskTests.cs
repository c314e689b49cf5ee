using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.Hosting;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Hosting;

/// <summary>One prompt, several consoles (a terminal, the monitor page): the first answer counts, the rest are withdrawn.</summary>
public sealed class OperatorDeskTests
{
    private static readonly OperatorQuestion s_question = new("1", "Door closed?", null, TimeSpan.FromSeconds(60));

    [Test]
    [CancelAfter(10_000)]
    public async Task AskAsync_OneConsoleAnswers_ThatAnswerCountsAndTheOtherIsWithdrawn(CancellationToken cancellationToken)
    {
        var terminal = new WaitingConsole();
        var page = new WaitingConsole();
        var desk = new OperatorDesk([terminal, page], new FakeTimeProvider(), Logger.None);

        Task<OperatorAnswer?> asking = desk.AskAsync(s_question, cancellationToken);
        await page.Asked.Task.WaitAsync(cancellationToken);
        page.Answer.SetResult(new OperatorAnswer(OperatorDecision.Refuse, "bob", "monitor page (127.0.0.1)", DateTimeOffset.UnixEpoch));
        OperatorAnswer? answer = await asking;

        Assert.That(answer?.Decision, Is.EqualTo(OperatorDecision.Refuse));
        Assert.That(answer?.Console, Is.EqualTo("monitor page (127.0.0.1)"));
        Assert.That(terminal.Withdrawn, Is.True);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AskAsync_NobodyAnswersWithinTheTimeout_ReturnsNullOnTheWallClock(CancellationToken cancellationToken)
    {
        var wall = new FakeTimeProvider();
        var terminal = new WaitingConsole();
        var desk = new OperatorDesk([terminal], wall, Logger.None);

        Task<OperatorAnswer?> asking = desk.AskAsync(s_question, cancellationToken);
        await terminal.Asked.Task.WaitAsync(cancellationToken);
        wall.Advance(TimeSpan.FromSeconds(59));
        Assert.That(asking.IsCompleted, Is.False);
        wall.Advance(TimeSpan.FromSeconds(1));

        Assert.That(await asking, Is.Null);
        Assert.That(terminal.Withdrawn, Is.True);
    }

    private sealed class WaitingConsole : IOperatorConsole
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<OperatorAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Withdrawn { get; private set; }

        public Task AttendAsync(OperatorControls run, CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<OperatorAnswer> AskAsync(OperatorQuestion question, CancellationToken cancellationToken)
        {
            using CancellationTokenRegistration _ = cancellationToken.Register(() => { Withdrawn = true; Answer.TrySetCanceled(); });
            Asked.SetResult();
            return await Answer.Task;
        }
    }
}
