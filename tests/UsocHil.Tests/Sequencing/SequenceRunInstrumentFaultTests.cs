using Serilog.Core;
using UsocHil.Description;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Scpi;
using UsocHil.Rigs;
using UsocHil.Safing;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Tests.Protocols.Scpi;
using UsocHil.Testing;
using UsocHil.Testing.Fakes;
using UsocHil.Time;

namespace UsocHil.Tests.Sequencing;

/// <summary>
/// The engine's instrument path (step → session → <see cref="RigSessionInstruments"/> → <see cref="ScpiClient"/> → a
/// real loopback socket) with a reference instrument that answers late, under the policy onLinkLoss = reconnect.
/// </summary>
public sealed class SequenceRunInstrumentFaultTests
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMilliseconds(400);
    private static readonly ReconnectPolicy Quick = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private RigDefinition _rig = null!;
    private FakeRigSession _session = null!;
    private CollectingObserver _observer = null!;

    [SetUp]
    public void SetUp()
    {
        _rig = TestRigs.Furnace();
        _session = new FakeRigSession(_rig, new VirtualTimeProvider(TimeProvider.System, 1000)) { Reopen = (_, _) => Task.CompletedTask };
        _observer = new CollectingObserver();
    }

    [TearDown]
    public async Task TearDown() => await _session.DisposeAsync();

    [Test]
    [CancelAfter(20_000)]
    public async Task RunAsync_ReferenceAnswersAfterTheTimeout_StepFailsAsAnInstrumentFaultNotALostLink(CancellationToken cancellationToken)
    {
        await using var dmm = new LateScpiInstrument(n => n == 2 ? QueryTimeout * 3 : TimeSpan.Zero);
        await using RigSessionInstruments instruments = await ConnectAsync(dmm, cancellationToken);
        var readings = new List<double>();
        var run = NewRun([Calibrate("calibrate", 3, readings, null)]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Failed), result.Reason);
        Assert.That(result.Cause, Is.EqualTo(RunTrigger.StepFailed));
        Assert.That(result.Reason, Does.Contain("instrument fault on dmm").And.Contain("no answer to MEAS:TEMP?"));
        Assert.That(_observer.States, Does.Not.Contain(RunState.Reconnecting), "an instrument that answers late is not a lost payload link");
        Assert.That(_session.ReconnectAttempts, Is.Zero);
        Assert.That(readings, Is.EqualTo(new[] { LateScpiInstrument.AnswerTo(1) }));
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task RunAsync_PayloadLostWhileAReferenceAnswerIsPending_RepeatedStepRecordsEachQuerysOwnAnswer(CancellationToken cancellationToken)
    {
        // The 2nd reading is on its way when the payload link drops; it arrives while the run reconnects.
        await using var dmm = new LateScpiInstrument(n => n == 2 ? QueryTimeout / 2 : TimeSpan.Zero);
        await using RigSessionInstruments instruments = await ConnectAsync(dmm, cancellationToken);
        var readings = new List<double>();
        int runs = 0;
        var run = NewRun([Calibrate("calibrate", 3, readings, async (context, pending, ct) =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                await dmm.WaitForMeasurementAsync(2, ct);
                _session.PayloadLinkDead = true;
                _session.Raise(RigAlarmKind.LinkLost, "no housekeeping for 16 s");
                await pending;
            }
        })]);

        RunResult result = await run.RunAsync(cancellationToken);

        Assert.That(result.Outcome, Is.EqualTo(RunOutcome.Passed), result.Reason);
        Assert.That(_observer.States, Does.Contain(RunState.Reconnecting));
        Assert.That(runs, Is.EqualTo(2));
        Assert.That(readings, Is.EqualTo(new[] { 101.0, 103.0, 104.0, 105.0 }), "the late 102 is never taken as a reading");
        Measurement[] recorded = [.. result.Measurements.Where(m => m.Name.StartsWith("dmm.", StringComparison.Ordinal))];
        Assert.That(recorded.Select(m => m.Value), Is.EqualTo(new[] { 101.0, 103.0, 104.0, 105.0 }),
            "the interrupted attempt's first reading and the repeated step's three, each the answer to its own query");
        Assert.That(dmm.Answers.Select(a => a.Answer), Is.EqualTo(new[] { 101.0, 102.0, 103.0, 104.0, 105.0 }), "the instrument did answer 102, late");
    }

    private SequenceRun NewRun(ISequenceStep[] steps) =>
        new(new SequencePlan { Name = "t", Version = "1", Policy = new SequencePolicy { OnLinkLoss = "reconnect" }, PowerUp = [], Steps = steps },
            _rig, _ => Task.FromResult<IRigSession>(_session), new RunOptions { Reconnect = Quick }, _observer, new VirtualTimeProvider(TimeProvider.System, 1000),
            new RigSafing(TimeProvider.System, Logger.None), Logger.None);

    private async Task<RigSessionInstruments> ConnectAsync(LateScpiInstrument dmm, CancellationToken cancellationToken)
    {
        TcpLink link = await TcpClientLink.ConnectAsync("dmm", "127.0.0.1", dmm.Port, TimeSpan.FromSeconds(5), TimeProvider.System, Logger.None, cancellationToken);
        var client = new ScpiClient(link, TimeProvider.System, Logger.None, new ScpiClientOptions { Timeout = QueryTimeout });
        var instruments = new RigSessionInstruments(new Dictionary<string, ScpiClient> { ["dmm"] = client }, [link]);
        _session.Instruments = instruments;
        return instruments;
    }

    /// <summary>
    /// A calibration step: <paramref name="count"/> reference readings through the engine's instrument path, each
    /// recorded; <paramref name="afterFirst"/> runs once the second query is sent (with that query still pending).
    /// </summary>
    private DelegateStep Calibrate(string label, int count, List<double> readings, Func<StepContext, Task, CancellationToken, Task>? afterFirst) =>
        new(label, async (context, ct) =>
        {
            InstrumentDefinition dmm = context.Rig.Rig.Instruments.Single(i => i.Name == "dmm");
            for (int i = 0; i < count; i++)
            {
                Task<double> reading = SampleStep.ReadReferenceAsync(context, dmm, ct);
                if (i == 1 && afterFirst is not null)
                {
                    await afterFirst(context, reading, ct);
                }

                double value = await reading;
                lock (readings)
                {
                    readings.Add(value);
                }

                context.Record(Measurement.Recorded(context.Path, $"dmm.{i}", value, null, context.Now));
            }
        });
}
