using UsocHil.Control;
using UsocHil.Expectations;

namespace UsocHil.Tests.Control;

public sealed class StepFitTests
{
    /// <summary>A recorded step: the model's response to <paramref name="inputStep"/> at t = 0 on <paramref name="baseline"/>, 1 Hz from -60 s.</summary>
    private static Sample[] Record(ProcessModel plant, double inputStep, double baseline, double seconds, double noise = 0, int seed = 1)
    {
        var random = new Random(seed);
        var samples = new List<Sample>();
        for (double t = -60; t <= seconds; t += 1)
        {
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            samples.Add(new Sample(t, baseline + (inputStep * plant.UnitStep(t)) + (noise * gaussian)));
        }

        return [.. samples];
    }

    [Test]
    public void StandardErrors_NoisyFirstOrderStep_MatchTheScatterOfRepeatedFits()
    {
        // Twenty records of the same plant with fresh 0.5 K noise: each fit's standard errors must describe how the
        // fitted parameters scatter from record to record (the linearised covariance s² (JᵀJ)⁻¹).
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 100, LagSeconds: 0, DeadTimeSeconds: 5);
        const int Records = 20;
        var fits = new List<StepFit>();
        for (int seed = 1; seed <= Records; seed++)
        {
            fits.Add(StepFit.Fit(Record(plant, inputStep: 10, baseline: 300, seconds: 400, noise: 0.5, seed: seed), stepSeconds: 0, inputStep: 10, lags: 1));
        }

        static double Scatter(IEnumerable<double> values)
        {
            double[] v = [.. values];
            double mean = v.Average();
            return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
        }

        Assert.Multiple(() =>
        {
            // With 20 records the scatter itself is known to about ±16 %: a factor 1.6 either way is a real disagreement.
            Assert.That(fits.Average(f => f.StandardErrors.Gain) / Scatter(fits.Select(f => f.Model.Gain)), Is.InRange(1 / 1.6, 1.6), "K");
            Assert.That(fits.Average(f => f.StandardErrors.TimeConstantSeconds) / Scatter(fits.Select(f => f.Model.TimeConstantSeconds)), Is.InRange(1 / 1.6, 1.6), "T");
            Assert.That(fits.Average(f => f.StandardErrors.DeadTimeSeconds) / Scatter(fits.Select(f => f.Model.DeadTimeSeconds)), Is.InRange(1 / 1.6, 1.6), "L");
            Assert.That(fits.All(f => f.StandardErrors.LagSeconds == 0), Is.True, "no second lag fitted, none reported");
        });
    }

    [Test]
    public void StandardErrors_LessNoise_ShrinkInProportion()
    {
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 100, LagSeconds: 0, DeadTimeSeconds: 5);

        StepFit loud = StepFit.Fit(Record(plant, 10, 300, 400, noise: 0.5, seed: 3), 0, 10, 1);
        StepFit quiet = StepFit.Fit(Record(plant, 10, 300, 400, noise: 0.05, seed: 3), 0, 10, 1);

        Assert.That(quiet.StandardErrors.Gain / loud.StandardErrors.Gain, Is.EqualTo(0.1).Within(0.02));
        Assert.That(quiet.StandardErrors.TimeConstantSeconds / loud.StandardErrors.TimeConstantSeconds, Is.EqualTo(0.1).Within(0.02));
        Assert.That(quiet.StandardErrors.Gain, Is.GreaterThan(0));
    }

    [Test]
    public void Fit_NoiseFreeFirstOrderPlusDeadTime_RecoversGainTimeConstantAndDeadTime()
    {
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 100, LagSeconds: 0, DeadTimeSeconds: 5);

        StepFit fit = StepFit.Fit(Record(plant, inputStep: 10, baseline: 300, seconds: 400), stepSeconds: 0, inputStep: 10, lags: 1);

        Assert.Multiple(() =>
        {
            Assert.That(fit.Model.Gain, Is.EqualTo(2).Within(1e-3).Percent);
            Assert.That(fit.Model.TimeConstantSeconds, Is.EqualTo(100).Within(1e-3).Percent);
            Assert.That(fit.Model.DeadTimeSeconds, Is.EqualTo(5).Within(0.01));
            Assert.That(fit.Model.LagSeconds, Is.Zero);
            Assert.That(fit.Baseline, Is.EqualTo(300).Within(1e-6));
            Assert.That(fit.ResidualRms, Is.LessThan(1e-4));
        });
    }

    [Test]
    public void Fit_NoisyFurnaceLikeStep_RecoversTheModelWithinTheNoise()
    {
        // The furnace's open-loop step: 2 K/W, 1600 s, 150 W for 600 s (a third of the time constant), 0.03 K noise.
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 1600, LagSeconds: 0, DeadTimeSeconds: 7);

        StepFit fit = StepFit.Fit(Record(plant, inputStep: 150, baseline: 320, seconds: 600, noise: 0.03), stepSeconds: 0, inputStep: 150, lags: 1);

        Assert.Multiple(() =>
        {
            Assert.That(fit.Model.Gain, Is.EqualTo(2).Within(3).Percent);
            Assert.That(fit.Model.TimeConstantSeconds, Is.EqualTo(1600).Within(3).Percent);
            Assert.That(fit.Model.DeadTimeSeconds, Is.EqualTo(7).Within(0.5));
            Assert.That(fit.ResidualRms, Is.EqualTo(0.03).Within(0.005));
        });
    }

    [Test]
    public void Fit_TwoLagsPlusDeadTime_WithTwoLags_RecoversTheSecondLag()
    {
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 1600, LagSeconds: 5, DeadTimeSeconds: 2);

        StepFit fit = StepFit.Fit(Record(plant, inputStep: 150, baseline: 320, seconds: 600), stepSeconds: 0, inputStep: 150, lags: 2);

        Assert.Multiple(() =>
        {
            Assert.That(fit.Model.Gain, Is.EqualTo(2).Within(0.5).Percent);
            Assert.That(fit.Model.TimeConstantSeconds, Is.EqualTo(1600).Within(0.5).Percent);
            Assert.That(fit.Model.LagSeconds, Is.EqualTo(5).Within(0.1));
            Assert.That(fit.Model.DeadTimeSeconds, Is.EqualTo(2).Within(0.1));
        });
    }

    [Test]
    public void Fit_TwoLagsPlant_WithOneLag_PutsTheSmallLagIntoTheDeadTime()
    {
        // Skogestad's half rule and its kin: a first-order fit lumps the small lag into dead time (L near T2 + L).
        var plant = new ProcessModel(Gain: 2, TimeConstantSeconds: 1600, LagSeconds: 5, DeadTimeSeconds: 2);

        StepFit fit = StepFit.Fit(Record(plant, inputStep: 150, baseline: 320, seconds: 600), stepSeconds: 0, inputStep: 150, lags: 1);

        Assert.That(fit.Model.DeadTimeSeconds, Is.InRange(5.0, 8.0));
    }

    [Test]
    public void Fit_StepNotAtZero_MeasuresDeadTimeFromTheStep()
    {
        var plant = new ProcessModel(Gain: -0.5, TimeConstantSeconds: 30, LagSeconds: 0, DeadTimeSeconds: 3);
        Sample[] shifted = [.. Record(plant, inputStep: 4, baseline: 10, seconds: 200).Select(s => s with { Seconds = s.Seconds + 17.5 })];

        StepFit fit = StepFit.Fit(shifted, stepSeconds: 17.5, inputStep: 4, lags: 1);

        Assert.That(fit.Model.Gain, Is.EqualTo(-0.5).Within(1e-3).Percent);
        Assert.That(fit.Model.DeadTimeSeconds, Is.EqualTo(3).Within(0.01));
    }

    [TestCase(0)]
    [TestCase(3)]
    public void Fit_LagsNotOneOrTwo_Throws(int lags) =>
        Assert.That(() => StepFit.Fit(Record(new ProcessModel(1, 10, 0, 0), 1, 0, 50), 0, 1, lags), Throws.TypeOf<ArgumentOutOfRangeException>());

    [Test]
    public void Fit_NothingAfterTheStep_ThrowsArgumentException() =>
        Assert.That(() => StepFit.Fit([new Sample(-2, 1), new Sample(-1, 1)], 0, 1, 1), Throws.ArgumentException.With.Message.Contains("samples after it"));

    [Test]
    public void Fit_NoInputStep_ThrowsArgumentException() =>
        Assert.That(() => StepFit.Fit(Record(new ProcessModel(1, 10, 0, 0), 1, 0, 50), 0, 0, 1), Throws.ArgumentException.With.Message.Contains("input step"));
}
