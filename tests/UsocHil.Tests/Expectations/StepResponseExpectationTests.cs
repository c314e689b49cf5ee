using UsocHil.Expectations;

namespace UsocHil.Tests.Expectations;

public sealed class StepResponseExpectationTests
{
    private const double Start = 200, Target = 210;

    /// <summary>A ramp at <paramref name="rampPerMinute"/>, then a triangular overshoot of <paramref name="overshoot"/> over 40 s, then flat.</summary>
    private static List<Sample> Response(double rampPerMinute, double overshoot, double seconds = 600)
    {
        double rampEnd = (Target - Start) / rampPerMinute * 60;
        var samples = new List<Sample>();
        for (double t = 0; t <= seconds; t += 1)
        {
            double v = t <= rampEnd ? Start + (rampPerMinute * t / 60)
                : t <= rampEnd + 20 ? Target + (overshoot * (t - rampEnd) / 20)
                : t <= rampEnd + 40 ? Target + (overshoot * (1 - ((t - rampEnd - 20) / 20)))
                : Target;
            samples.Add(new Sample(t, v));
        }

        return samples;
    }

    private static StepResponseExpectation Expectation() =>
        new("CONTROL_TEMP", new Tolerance(20, 25), new Tolerance(1.0, 1.5), settleBand: 0.5, settleHoldSeconds: 60) { RampWindowSeconds = 20 };

    [TestCase(10, 0.8, Verdict.Pass, 10, Verdict.Pass, 0.2)]
    [TestCase(24, 1.2, Verdict.Marginal, -4, Verdict.Marginal, -0.2)]
    [TestCase(30, 3.0, Verdict.Fail, -10, Verdict.Fail, -2)]
    public void Evaluate_RampAndOvershoot_VerdictsAndMargins(double ramp, double overshoot, Verdict rampVerdict, double rampMargin, Verdict overshootVerdict, double overshootMargin)
    {
        IReadOnlyList<JudgedResult> results = Expectation().Evaluate(Response(ramp, overshoot), Target);

        JudgedResult r = results.Single(x => x.Expectation == "CONTROL_TEMP ramp rate");
        JudgedResult o = results.Single(x => x.Expectation == "CONTROL_TEMP overshoot");
        Assert.That(r.Verdict, Is.EqualTo(rampVerdict));
        Assert.That(r.Margin, Is.EqualTo(rampMargin).Within(0.01));
        Assert.That(o.Verdict, Is.EqualTo(overshootVerdict));
        Assert.That(o.Margin, Is.EqualTo(overshootMargin).Within(1e-9));
        Assert.That(o.Evidence.Values.Max(), Is.EqualTo(Target + overshoot).Within(1e-9));
    }

    [Test]
    public void Evaluate_SettlesAndHolds_SettlingTimeWhereItLastEnteredTheBand()
    {
        // Ramp ends at 60 s; the overshoot of 2 K falls back inside ±0.5 K at 60 + 20 + 15 = 95 s.
        IReadOnlyList<JudgedResult> results = Expectation().Evaluate(Response(10, 2.0), Target);

        JudgedResult settle = results.Single(x => x.Expectation == "CONTROL_TEMP settling");
        Assert.That(settle.Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(settle.Measured, Is.EqualTo(95).Within(1e-9));
        Assert.That(settle.Margin, Is.EqualTo(600 - 95 - 60).Within(1e-9));
    }

    [TestCase(130, Verdict.Fail, -25)]
    [TestCase(200, Verdict.Pass, 45)]
    public void Evaluate_RecordTooShortToHold_Fails(double seconds, Verdict verdict, double margin)
    {
        IReadOnlyList<JudgedResult> results = Expectation().Evaluate(Response(10, 2.0, seconds), Target);

        JudgedResult settle = results.Single(x => x.Expectation == "CONTROL_TEMP settling");
        Assert.That(settle.Verdict, Is.EqualTo(verdict));
        Assert.That(settle.Margin, Is.EqualTo(margin).Within(1e-9));
    }

    [TestCase(120, 130, Verdict.Pass, 25)]
    [TestCase(90, 100, Verdict.Marginal, -5)]
    [TestCase(80, 90, Verdict.Fail, -15)]
    public void Evaluate_MaxSettlingTime_JudgedAgainstIt(double nominal, double hard, Verdict verdict, double margin)
    {
        var expectation = new StepResponseExpectation("CONTROL_TEMP", new Tolerance(20, 25), new Tolerance(1, 1.5), 0.5, 60)
        {
            RampWindowSeconds = 20,
            MaxSettlingSeconds = new Tolerance(nominal, hard),
        };

        JudgedResult settle = expectation.Evaluate(Response(10, 2.0), Target).Single(x => x.Expectation == "CONTROL_TEMP settling");

        Assert.That(settle.Verdict, Is.EqualTo(verdict));
        Assert.That(settle.Margin, Is.EqualTo(margin).Within(1e-9));
    }

    [Test]
    public void Evaluate_MaxReachTime_FirstEntryIntoTheBand()
    {
        var expectation = new StepResponseExpectation("CONTROL_TEMP", Tolerance.Exactly(20), Tolerance.Exactly(1), 0.5, 60)
        {
            MaxReachSeconds = Tolerance.Exactly(50),
        };

        JudgedResult reach = expectation.Evaluate(Response(10, 0.2), Target).Single(x => x.Expectation == "CONTROL_TEMP reach");

        // 10 K at 10 K/min: within 0.5 K of the target at 57 s.
        Assert.That(reach.Measured, Is.EqualTo(57).Within(1e-9));
        Assert.That(reach.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(reach.Margin, Is.EqualTo(-7).Within(1e-9));
    }

    [Test]
    public void Measure_NoisyFlatRecord_RampNearZero()
    {
        var random = new Random(7);
        var samples = Enumerable.Range(0, 600).Select(t => new Sample(t, Target + ((random.NextDouble() - 0.5) * 0.4))).ToList();

        StepResponse r = StepResponse.Measure(samples, Target, 0.5);

        Assert.That(r.MaxRampPerMinute, Is.LessThan(0.5));
        Assert.That(r.SettlingSeconds, Is.Zero);
    }
}
