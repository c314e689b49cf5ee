using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Serilog;
using UsocHil.Description;
using UsocHil.Expectations;
using UsocHil.Rigs;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;
using UsocHil.Testing.Fakes;

namespace UsocHil.Tests.Sequencing;

/// <summary>A check prints the unit of the parameter it judged, taken from the rig's dictionary, never one of its own.</summary>
public sealed class CheckUnitTests
{
    private FakeTimeProvider _time = null!;
    private FakeRigSession _session = null!;
    private CollectingObserver _observer = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        RigDefinition furnace = TestRigs.Furnace();
        RigDefinition rig = furnace with
        {
            Dictionary = furnace.Dictionary with
            {
                Parameters = [.. furnace.Dictionary.Parameters,
                    new ParameterDefinition { Id = 90, Name = "BUS_A_VOLTAGE", Type = "float32", Unit = "V" },
                    new ParameterDefinition { Id = 91, Name = "BUS_B_VOLTAGE", Type = "float32", Unit = "V" }],
            },
            Expectations = (furnace.Expectations ?? new ExpectationsDefinition()) with
            {
                Consistency = [new ConsistencyExpectation("rails-agree", ["BUS_A_VOLTAGE", "BUS_B_VOLTAGE"], 0.2)],
            },
        };
        _session = new FakeRigSession(rig, _time);
        _observer = new CollectingObserver();
    }

    [TearDown]
    public async Task TearDown() => await _session.DisposeAsync();

    private Task RunAsync(string json, CancellationToken cancellationToken)
    {
        var build = new SequenceBuildContext("test.json", _session.Rig);
        ISequenceStep? step = StepFactory.Read(JObject.Parse(json), "$.steps[0]", build);
        Assert.That(build.Problems, Is.Empty, string.Join("\n", build.Problems));
        var context = new StepContext(_session, _time, new LoggerConfiguration().CreateLogger(), _observer, new RunOptions(), new RunData(), "1", VariableScope.Empty);
        return StepRunner.RunOneAsync(context, step!, 0, 1, cancellationToken);
    }

    private void Publish(double a, double b) =>
        _session.Telemetry.Publish([new TelemetrySample("BUS_A_VOLTAGE", a, _time.GetUtcNow()), new TelemetrySample("BUS_B_VOLTAGE", b, _time.GetUtcNow())]);

    [Test]
    [CancelAfter(5_000)]
    public async Task ValueCheck_OnAParameterInVolts_PrintsVolts(CancellationToken cancellationToken)
    {
        Task run = RunAsync("""{ "kind": "verify", "checks": [ { "check": "value", "parameter": "BUS_A_VOLTAGE", "min": 27, "max": 29 } ] }""", cancellationToken);
        while (!run.IsCompleted)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            Publish(28.1, 28.0);
            await Task.Delay(1, cancellationToken);
        }

        await run;
        Measurement m = _observer.Measurements.Single();
        Assert.That(m.Unit, Is.EqualTo("V"));
        Assert.That(m.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(m.Result.Parameters, Is.EqualTo(new[] { "BUS_A_VOLTAGE" }));
        Assert.That((m.Result.Low, m.Result.High), Is.EqualTo(((double?)27, (double?)29)));
        Assert.That(m.Result.Evidence.Count, Is.GreaterThan(0));
        Assert.That(m.Expectation, Does.EndWith(" V").And.Not.Contain(" K"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ConsistencyCheck_OnRailsInVolts_PrintsVoltsNeverKelvin(CancellationToken cancellationToken)
    {
        Task run = RunAsync("""{ "kind": "verify", "checks": [ { "check": "consistency", "expectation": "rails-agree", "seconds": 5 } ] }""", cancellationToken);
        for (int i = 0; i < 20 && !run.IsCompleted; i++)
        {
            await Task.Delay(1, cancellationToken);
            _time.Advance(TimeSpan.FromSeconds(1));
            Publish(28.1, 28.0 - (i * 0.01));
        }

        await run;
        Measurement m = _observer.Measurements.Single();
        Assert.That(m.Unit, Is.EqualTo("V"));
        Assert.That(m.Result.Parameters, Is.EqualTo(new[] { "BUS_A_VOLTAGE", "BUS_B_VOLTAGE" }));
        Assert.That(m.Result.Message, Does.Contain(" V ").And.Not.Contain(" K"));
    }
}
