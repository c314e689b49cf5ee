using UsocHil.Expectations;
using UsocHil.Description;

namespace UsocHil.Tests.Expectations;

public sealed class LimitExpectationTests
{
    private static readonly LimitDefinition Thermocouple = new() { Parameter = "TC1_TEMP", Yellow = [0, 1000], Red = [-20, 1040], Persistence = 1 };

    [TestCase(500, Verdict.Pass, 500)]
    [TestCase(999.5, Verdict.Pass, 0.5)]
    [TestCase(1000, Verdict.Pass, 0)]
    [TestCase(1010, Verdict.Marginal, -10)]
    [TestCase(-5, Verdict.Marginal, -5)]
    [TestCase(1040, Verdict.Marginal, -40)]
    [TestCase(1041, Verdict.Fail, -41)]
    [TestCase(-30, Verdict.Fail, -30)]
    [TestCase(double.NaN, Verdict.Fail, double.NaN)]
    public void Evaluate_SingleSample_VerdictAndMarginToYellow(double value, Verdict verdict, double margin)
    {
        JudgedResult result = new LimitExpectation(Thermocouple).Evaluate(new Sample(0, value));

        Assert.That(result.Verdict, Is.EqualTo(verdict));
        Assert.That(result.Margin, Is.EqualTo(margin).Within(1e-9));
        Assert.That(result.Low, Is.Zero);
        Assert.That(result.HardHigh, Is.EqualTo(1040));
    }

    [TestCase(new[] { 500.0, 1050, 500 }, 3, Verdict.Pass)]
    [TestCase(new[] { 500.0, 1050, 1050, 500 }, 3, Verdict.Pass)]
    [TestCase(new[] { 500.0, 1050, 1050, 1050 }, 3, Verdict.Fail)]
    [TestCase(new[] { 1010.0, 1050, 1020 }, 3, Verdict.Marginal)]
    [TestCase(new[] { 500.0, 1050, 500 }, 1, Verdict.Fail)]
    public void Evaluate_Persistence_OnlySustainedExcursionsCount(double[] values, int persistence, Verdict verdict)
    {
        var limit = new LimitExpectation(Thermocouple with { Persistence = persistence });

        JudgedResult result = limit.Evaluate(values.Select((v, i) => new Sample(i, v)).ToList());

        Assert.That(result.Verdict, Is.EqualTo(verdict));
    }

    [Test]
    public void Evaluate_MarginalWindow_MeasuredIsTheLeastExtremeOfTheSustainedRun()
    {
        var limit = new LimitExpectation(Thermocouple with { Persistence = 3 });

        JudgedResult result = limit.Evaluate([new(0, 1010), new(1, 1050), new(2, 1020), new(3, 900)]);

        Assert.That(result.Measured, Is.EqualTo(1010));
        Assert.That(result.Margin, Is.EqualTo(-10));
        Assert.That(result.Evidence.Values, Does.Contain(1010.0));
    }

    [Test]
    public void Evaluate_LongWindow_EvidenceBoundedAndKeepsWorstSample()
    {
        var samples = Enumerable.Range(0, 10_000).Select(i => new Sample(i, i == 7_777 ? 1_100 : 500)).ToList();

        JudgedResult result = new LimitExpectation(Thermocouple).Evaluate(samples);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Evidence.Count, Is.LessThanOrEqualTo(Evidence.MaxSamples));
        Assert.That(result.Evidence.Values, Does.Contain(1_100.0));
    }

    [Test]
    public void Constructor_YellowOutsideRed_Throws()
    {
        Assert.That(() => new LimitExpectation(Thermocouple with { Red = [10, 1040] }), Throws.ArgumentException.With.Message.Contains("TC1_TEMP"));
    }
}
