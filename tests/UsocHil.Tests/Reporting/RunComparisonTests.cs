using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Tests.Reporting;

public sealed class RunComparisonTests
{
    private static RunRecord Run(long id, double c0, double u0, Verdict verdict) => new()
    {
        Summary = new RunSummary
        {
            Id = id,
            Header = new RunHeader { Rig = "furnace-em", Sequence = "calibrate-thermocouples" },
            StartedRig = DateTimeOffset.UnixEpoch,
            StartedWall = DateTimeOffset.UnixEpoch,
            Outcome = UsocHil.Results.ArchivedOutcome.Passed,
        },
        Calibrations =
        [
            new CalibrationRow
            {
                Sensor = "TC1_TEMP",
                Coefficients = [c0, 1.001],
                Uncertainties = [u0, 0.0001],
                Points = [new CalibrationPoint(200, 200.2, 0), new CalibrationPoint(800, 800.9, 0)],
            },
        ],
        Measurements =
        [
            new MeasurementRow(DateTimeOffset.UnixEpoch, null, "TC1 verification", 0.1, "K", new JudgedResult
            {
                Expectation = "TC1 verification", Parameters = ["TC1_TEMP"], Verdict = verdict, Measured = 0.1, Margin = verdict == Verdict.Pass ? 0.2 : -0.1,
            }),
        ],
    };

    [TestCase(0.5, 0.8, 0.03, 0.04, 0.3, 6.0)]
    [TestCase(0.5, 0.5, 0.03, 0.04, 0.0, 0.0)]
    public void Compare_OffsetMoved_DriftInKelvinAndSigmas(double c0a, double c0b, double ua, double ub, double driftK, double sigmas)
    {
        RunComparison c = RunComparison.Compare(Run(1, c0a, ua, Verdict.Pass), Run(2, c0b, ub, Verdict.Pass));

        CalibrationDrift d = c.Calibrations.Single();
        Assert.That(d.MaxDrift, Is.EqualTo(driftK).Within(1e-9));
        Assert.That(d.Coefficients[0].Sigmas, Is.EqualTo(sigmas).Within(1e-9));
    }

    [Test]
    public void Compare_VerdictFlipped_ReportedAsChange()
    {
        RunComparison c = RunComparison.Compare(Run(1, 0.5, 0.03, Verdict.Pass), Run(2, 0.5, 0.03, Verdict.Fail));

        VerdictChange v = c.Verdicts.Single();
        Assert.That(v.Changed, Is.True);
        Assert.That((v.A, v.B, v.MarginB), Is.EqualTo((Verdict.Pass, Verdict.Fail, -0.1)));
    }
}
