using UsocHil.Description;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.Tests.Reporting;

/// <summary>The report draws conditional limits over the spans they applied, and delta limits against the change they check.</summary>
public sealed class LimitPlotTests
{
    private static readonly LimitCondition WhileHeating = new() { Parameter = "MODE", Value = 2 };

    [Test]
    public void Spans_ConditionTrueTwice_FromEachSampleThatMadeItTrueToTheOneThatEndedItOrTheEnd()
    {
        double[] minutes = [0, 1, 2, 3, 4];
        double[] mode = [1, 2, 2, 1, 2];

        var spans = LimitApplicability.Spans(WhileHeating, minutes, mode, 0, 6);

        Assert.That(spans, Is.EqualTo(new[] { (1.0, 3.0), (4.0, 6.0) }));
    }

    [Test]
    public void Spans_ConditionNeverSampled_NeverApplies() =>
        Assert.That(LimitApplicability.Spans(WhileHeating, [], [], 0, 6), Is.Empty);

    [Test]
    public void Spans_NoCondition_TheWholeRun() =>
        Assert.That(LimitApplicability.Spans(null, [], [], 0, 6), Is.EqualTo(new[] { (0.0, 6.0) }));

    [Test]
    public void Changes_PerSecond_SignedChangeOverTheRigTimeBetweenSamplesAtTheLaterSample()
    {
        var delta = new DeltaLimitDefinition { Yellow = 1, Red = 2, Per = DeltaBasis.Second };

        var (times, changes) = LimitApplicability.Changes("TC1", delta, [0, 0.5, 0.5, 1.5], [100, 130, 200, 80]);

        Assert.That(times, Is.EqualTo(new[] { 0.5, 1.5 }), "two samples at the same instant have no rate");
        Assert.That(changes, Is.EqualTo(new[] { 1.0, -2.0 }).Within(1e-12));
    }

    [Test]
    public void Changes_PerSample_ChangeFromThePreviousSampleHoweverFarApart()
    {
        var delta = new DeltaLimitDefinition { Yellow = 1, Red = 2, Per = DeltaBasis.Sample };

        var (_, changes) = LimitApplicability.Changes("TC1", delta, [0, 0.5, 0.5, 10], [100, 130, 200, 80]);

        Assert.That(changes, Is.EqualTo(new[] { 30.0, 70.0, -120.0 }));
    }

    [Test]
    public void Render_ConditionalBandAndDeltaLimit_PlotsEachNamingItsCondition()
    {
        var rig = new RigDefinition
        {
            Name = "furnace-em",
            Apid = 1,
            Dictionary = new RigDictionary(),
            Limits =
            [
                new LimitDefinition { Parameter = "CONTROL_TEMP", Yellow = [0, 900], Red = [-10, 950] },
                new LimitDefinition { Parameter = "CONTROL_TEMP", Yellow = [0, 500], Red = [-10, 520], When = WhileHeating },
                new LimitDefinition { Parameter = "CONTROL_TEMP", Delta = new DeltaLimitDefinition { Yellow = 2, Red = 5 }, When = WhileHeating },
            ],
        };
        DateTimeOffset start = DateTimeOffset.UnixEpoch;
        TelemetryRow[] telemetry =
        [
            .. Enumerable.Range(0, 60).Select(i => new TelemetryRow(start.AddSeconds(10 * i), "CONTROL_TEMP", 20 + 3 * i)),
            .. Enumerable.Range(0, 60).Select(i => new TelemetryRow(start.AddSeconds(10 * i), "MODE", i < 20 ? 1 : 2)),
        ];
        var run = new RunRecord
        {
            Summary = new RunSummary { Id = 1, Header = new RunHeader { Rig = "furnace-em", Sequence = "certify" }, StartedRig = start, StartedWall = start, Outcome = ArchivedOutcome.Passed },
            Telemetry = telemetry,
        };

        string html = HtmlReport.Render(run, rig);

        Assert.That(html, Does.Contain("alt=\"CONTROL_TEMP with limits\""));
        Assert.That(html, Does.Contain("alt=\"CONTROL_TEMP with limits while MODE = 2\""));
        Assert.That(html, Does.Contain("alt=\"CONTROL_TEMP change against its delta limit while MODE = 2\""));
        Assert.That(html, Does.Not.Contain("alt=\"MODE, CONTROL_TEMP\"").And.Not.Contain("alt=\"CONTROL_TEMP\""), "a limited parameter is not drawn again without its limits");
    }
}
