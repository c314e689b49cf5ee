using UsocHil.Calibration;

namespace UsocHil.Tests.Calibration;

public sealed class SampleStatisticsTests
{
    [Test]
    public void Of_SteadyRamp_DriftIsTheChangeFromFirstToLastReading()
    {
        double[] readings = Enumerable.Range(0, 20).Select(i => 500 + (0.01 * i)).ToArray();

        Assert.That(SampleStatistics.Of(readings).Drift, Is.EqualTo(0.19).Within(1e-9));
    }

    [Test]
    public void Of_NoiseAboutASteadyValue_DriftIsTheTrendNotTheLastMinusTheFirst()
    {
        // Last minus first is -0.2; the readings alternate about 500 with no trend.
        double[] readings = [500.1, 499.9, 500.1, 499.9, 500.1, 499.9, 500.1, 499.9];

        SampleStatistics stats = SampleStatistics.Of(readings);

        Assert.That(Math.Abs(stats.Drift), Is.LessThan(0.1));
        Assert.That(stats.StandardDeviation, Is.GreaterThan(0.1));
    }

    [Test]
    public void Of_OneReading_NoDrift() => Assert.That(SampleStatistics.Of([42.0]).Drift, Is.Zero);
}
