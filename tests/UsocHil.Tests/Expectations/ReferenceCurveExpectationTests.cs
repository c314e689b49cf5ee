using UsocHil.Expectations;

namespace UsocHil.Tests.Expectations;

public sealed class ReferenceCurveExpectationTests
{
    private static readonly Sample[] Golden = [new(0, 20), new(100, 220), new(200, 220)];

    [TestCase(50, 120, 0)]
    [TestCase(25, 70, 0)]
    [TestCase(150, 220, 0)]
    [TestCase(250, double.NaN, 0)]
    public void ReferenceAt_InterpolatesLinearly(double seconds, double expected, int unused)
    {
        var curve = new ReferenceCurveExpectation("heat-up", "CONTROL_TEMP", Golden, Tolerance.Exactly(1));

        Assert.That(curve.ReferenceAt(seconds), Is.EqualTo(expected).Within(1e-9));
        Assert.That(unused, Is.Zero);
    }

    [TestCase(0.5, Verdict.Pass, 1.5)]
    [TestCase(-2.5, Verdict.Marginal, -0.5)]
    [TestCase(4.0, Verdict.Fail, -2.0)]
    public void Evaluate_OneDeviatingSample_VerdictAndMargin(double deviation, Verdict verdict, double margin)
    {
        var curve = new ReferenceCurveExpectation("heat-up", "CONTROL_TEMP", Golden, new Tolerance(2, 3));
        var measured = Enumerable.Range(0, 201).Select(t => new Sample(t, curve.ReferenceAt(t) + (t == 130 ? deviation : 0.1))).ToList();

        JudgedResult result = curve.Evaluate(measured);

        Assert.That(result.Verdict, Is.EqualTo(verdict));
        Assert.That(result.Margin, Is.EqualTo(margin).Within(1e-9));
        Assert.That(result.Measured, Is.EqualTo(deviation).Within(1e-9));
        Assert.That(result.Evidence.Seconds, Does.Contain(130.0));
    }

    [Test]
    public void Evaluate_NoOverlap_Fails()
    {
        var curve = new ReferenceCurveExpectation("heat-up", "CONTROL_TEMP", Golden, Tolerance.Exactly(1));

        JudgedResult result = curve.Evaluate([new Sample(500, 220)]);

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
    }
}
