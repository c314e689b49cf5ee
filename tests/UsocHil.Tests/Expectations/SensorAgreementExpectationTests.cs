using UsocHil.Expectations;
using UsocHil.Description;

namespace UsocHil.Tests.Expectations;

public sealed class SensorAgreementExpectationTests
{
    private static readonly string[] Thermocouples = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP"];

    private static IReadOnlyList<IReadOnlyList<Sample>> Series(double offset1, double offset2, double offset3, int count = 100) =>
        new[] { offset1, offset2, offset3 }
            .Select(o => (IReadOnlyList<Sample>)Enumerable.Range(0, count).Select(t => new Sample(t, 500 + (0.1 * t) + o)).ToList())
            .ToList();

    [TestCase(0.0, 0.5, -0.5, Verdict.Pass, 1.0, null)]
    [TestCase(0.0, 2.2, 0.1, Verdict.Marginal, -0.2, "TC2_TEMP")]
    [TestCase(0.1, 0.0, -7.0, Verdict.Fail, -5.1, "TC3_TEMP")]
    [TestCase(9.0, 0.0, 0.3, Verdict.Fail, -7.0, "TC1_TEMP")]
    public void Evaluate_Offsets_VerdictMarginAndCulprit(double o1, double o2, double o3, Verdict verdict, double margin, string? culprit)
    {
        var expectation = new SensorAgreementExpectation("thermocouples-agree", Thermocouples, new Tolerance(2.0, 3.0));

        JudgedResult result = expectation.Evaluate(Series(o1, o2, o3));

        Assert.That(result.Verdict, Is.EqualTo(verdict));
        Assert.That(result.Margin, Is.EqualTo(margin).Within(1e-9));
        Assert.That(result.Culprit, Is.EqualTo(culprit));
        if (culprit is not null)
        {
            Assert.That(result.Message, Does.Contain(culprit));
        }
    }

    [Test]
    public void Evaluate_StuckSensorFromRigDefinition_NamesTheStuckOne()
    {
        var expectation = new SensorAgreementExpectation(new ConsistencyExpectation("thermocouples-agree", Thermocouples, 2.0));
        var rising = Enumerable.Range(0, 300).Select(t => new Sample(t, 300 + t)).ToList();
        var stuck = Enumerable.Range(0, 300).Select(t => new Sample(t, 300.0)).ToList();

        JudgedResult result = expectation.Evaluate([rising, stuck, rising]);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Culprit, Is.EqualTo("TC2_TEMP"));
        Assert.That(result.Measured, Is.EqualTo(299));
        Assert.That(result.Evidence.Count, Is.LessThanOrEqualTo(Evidence.MaxSamples));
    }

    [Test]
    public void Evaluate_OpenCircuitNaN_FailsNamingIt()
    {
        var expectation = new SensorAgreementExpectation("agree", Thermocouples, Tolerance.Exactly(2));
        var good = new List<Sample> { new(0, 500), new(1, 500) };
        var open = new List<Sample> { new(0, 500), new(1, double.NaN) };

        JudgedResult result = expectation.Evaluate([good, good, open]);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Culprit, Is.EqualTo("TC3_TEMP"));
    }

    [Test]
    public void Evaluate_TwoSensorsDisagree_NoCulpritButBothInMessage()
    {
        var expectation = new SensorAgreementExpectation("pair", ["A", "B"], Tolerance.Exactly(1));

        JudgedResult result = expectation.Evaluate([[new Sample(0, 1)], [new Sample(0, 5)]]);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Culprit, Is.Null);
        Assert.That(result.Margin, Is.EqualTo(-3));
    }
}
