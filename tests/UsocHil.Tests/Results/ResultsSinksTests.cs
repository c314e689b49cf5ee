using UsocHil.Registration;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Results;

/// <summary>Every registered results sink receives each sealed run; one that fails does not keep it from the others.</summary>
public sealed class ResultsSinksTests
{
    private static readonly SealedRun s_run = new(3, "bench-rig", "soak", "ab12", ".", new RunResult
    {
        Sequence = "soak",
        FinalState = RunState.Completed,
        Outcome = UsocHil.Sequencing.RunOutcome.Passed,
        Measurements = [],
        RigDuration = TimeSpan.FromMinutes(1),
    });

    [Test]
    public async Task A_failing_sink_is_logged_and_the_others_still_receive_the_run()
    {
        var received = new List<long>();
        var log = new TestLog();
        ResultsSinks sinks = new ResultsSinks().Add("broken", new Sink(_ => throw new IOException("share offline"))).Add("lab", new Sink(run => received.Add(run.RunId)));

        await sinks.WriteAsync(s_run, log.Logger, CancellationToken.None);

        Assert.That(received, Is.EqualTo(new[] { 3L }));
        Assert.That(log.Events.Select(e => e.RenderMessage()), Has.Some.Contains("Results sink \"broken\" failed for run 3"));
    }

    [Test]
    public void A_sink_name_cannot_be_registered_twice() =>
        Assert.That(() => new ResultsSinks().Add("lab", new Sink(_ => { })).Add("LAB", new Sink(_ => { })),
            Throws.TypeOf<RegistrationException>().With.Message.EqualTo("a results sink named 'LAB' is already registered"));

    private sealed class Sink(Action<SealedRun> write) : IResultsSink
    {
        public Task WriteAsync(SealedRun run, CancellationToken cancellationToken)
        {
            write(run);
            return Task.CompletedTask;
        }
    }
}
