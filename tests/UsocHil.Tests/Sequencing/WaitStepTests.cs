using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Serilog;
using UsocHil.Rigs;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

public sealed class WaitStepTests
{
    private FakeTimeProvider _time = null!;
    private FakeRigSession _session = null!;
    private CollectingObserver _observer = null!;
    private RunData _data = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _session = new FakeRigSession(TestRigs.Furnace(), _time);
        _observer = new CollectingObserver();
        _data = new RunData();
    }

    [TearDown]
    public async Task TearDown() => await _session.DisposeAsync();

    private Task RunAsync(string json, CancellationToken cancellationToken)
    {
        var context = new SequenceBuildContext("test.json", _session.Rig);
        ISequenceStep? step = StepFactory.Read(JObject.Parse(json), "$.steps[0]", context);
        Assert.That(context.Problems, Is.Empty, string.Join("\n", context.Problems));
        var run = new StepContext(_session, _time, new LoggerConfiguration().CreateLogger(), _observer, new RunOptions(), _data, "1", VariableScope.Empty);
        return StepRunner.RunOneAsync(run, step!, 0, 1, cancellationToken);
    }

    private void Publish(string parameter, double value) =>
        _session.Telemetry.Publish([new TelemetrySample(parameter, value, _time.GetUtcNow())]);

    [Test]
    [CancelAfter(5_000)]
    public async Task ExecuteAsync_ConditionNeverMet_TimesOutAtTimeoutSecondsOfRigTime(CancellationToken cancellationToken)
    {
        Task wait = RunAsync("""{ "kind": "wait", "parameter": "CONTROL_TEMP", "above": 500, "timeoutSeconds": 30 }""", cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(29));
        Publish("CONTROL_TEMP", 450);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(wait.IsCompleted, Is.False, "still waiting 1 ms before the timeout");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<StepTimeoutException>(async () => await wait);
        Assert.That(error!.Message, Does.Contain("wait did not finish within 00:00:30"));
        Assert.That(_observer.Finished.Single().Status, Is.EqualTo(StepStatus.Failed));
        Assert.That(_observer.Events.Select(e => e.Message), Has.One.StartsWith("wait ended with CONTROL_TEMP"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ExecuteAsync_ConditionMet_EndsAndRecordsTheTimeItTookAgainstMaxSeconds(CancellationToken cancellationToken)
    {
        Publish("FAULT_FLAGS", 0);
        Task wait = RunAsync("""{ "kind": "wait", "parameter": "FAULT_FLAGS", "bitsSet": 1, "timeoutSeconds": 30, "record": "trip time", "maxSeconds": 5 }""", cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(7));
        Publish("FAULT_FLAGS", 3);
        await wait;

        Measurement recorded = _observer.Measurements.Single(m => m.Name == "trip time");
        Assert.That(recorded.Value, Is.EqualTo(7));
        Assert.That(recorded.Verdict, Is.EqualTo(UsocHil.Expectations.Verdict.Fail), "7 s is more than maxSeconds 5");
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ExecuteAsync_StaleValueMeetingTheCondition_WaitsForAFreshReport(CancellationToken cancellationToken)
    {
        Publish("MODE", 1);
        Task wait = RunAsync("""{ "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 30 }""", cancellationToken);

        Assert.That(wait.IsCompleted, Is.False, "a value seen before the wait began does not count");
        _time.Advance(TimeSpan.FromSeconds(1));
        Publish("MODE", 1);
        await wait;

        Assert.That(_observer.Finished.Single().Status, Is.EqualTo(StepStatus.Passed));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ExecuteAsync_Duration_EndsAfterThatMuchRigTime(CancellationToken cancellationToken)
    {
        Task wait = RunAsync("""{ "kind": "wait", "seconds": 10 }""", cancellationToken);

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.That(wait.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await wait;

        Assert.That(_observer.Finished.Single().Status, Is.EqualTo(StepStatus.Passed));
    }
}
