using UsocHil.Calibration.Thermocouples;

namespace UsocHil.Tests.Calibration.Thermocouples;

public sealed class DeviationFitTests
{
    private static readonly TypeKReference s_k = new();

    private static readonly double[] s_points = [200, 300, 400, 500, 600, 700, 800];

    /// <summary>What a type K thermocouple whose EMF deviates by <paramref name="deviation"/> mV indicates at t.</summary>
    private static double Indicated(double t, Func<double, double> deviation) => s_k.Celsius(s_k.EmfMillivolts(t) + deviation(t));

    [Test]
    public void Of_SensorWithALinearEmfDeviation_RecoversItAndCorrectsItsReadings()
    {
        static double Deviation(double t) => 0.020 + (1.5e-5 * t);
        double[] indicated = s_points.Select(t => Indicated(t, Deviation)).ToArray();

        DeviationFit fit = DeviationFit.Of(s_k, s_points, indicated, 1);

        Assert.That(fit.Coefficients[0], Is.EqualTo(0.020).Within(1e-9));
        Assert.That(fit.Coefficients[1], Is.EqualTo(1.5e-5).Within(1e-12));
        Assert.That(fit.ResidualsKelvin.Max(Math.Abs), Is.LessThan(1e-8));
        Assert.That(fit.DegreesOfFreedom, Is.EqualTo(5));
        // 0.0275 mV at 500 degC is about 0.65 K on the indicated reading.
        Assert.That(indicated[3] - 500, Is.GreaterThan(0.5));
        Assert.That(fit.Correct(Indicated(650, Deviation)), Is.EqualTo(650).Within(1e-8));
    }

    [Test]
    public void Of_QuadraticDeviationFittedLinearly_ResidualsInKelvinAreTheMillivoltResidualsOverTheSeebeckCoefficient()
    {
        static double Deviation(double t) => 0.01 + (2e-8 * (t - 500) * (t - 500));
        double[] indicated = s_points.Select(t => Indicated(t, Deviation)).ToArray();

        DeviationFit fit = DeviationFit.Of(s_k, s_points, indicated, 1);

        for (int i = 0; i < s_points.Length; i++)
        {
            Assert.That(fit.ResidualsKelvin[i] * s_k.SeebeckMillivoltsPerKelvin(s_points[i]), Is.EqualTo(fit.Fit.Residuals[i]).Within(1e-12));
        }

        // A curvature left in a straight line: the ends above it, the middle below.
        Assert.That(fit.ResidualsKelvin[0], Is.GreaterThan(0));
        Assert.That(fit.ResidualsKelvin[3], Is.LessThan(0));
        double expected = Math.Sqrt(fit.ResidualsKelvin.Sum(r => r * r) / (s_points.Length - 2));
        Assert.That(fit.ResidualStandardUncertaintyKelvin, Is.EqualTo(expected).Within(1e-15));
        Assert.That(fit.ResidualStandardUncertaintyKelvin, Is.GreaterThan(0.01));

        DeviationFit quadratic = DeviationFit.Of(s_k, s_points, indicated, 2);
        Assert.That(quadratic.ResidualStandardUncertaintyKelvin, Is.LessThan(1e-8));
        Assert.That(quadratic.Coefficients[2], Is.EqualTo(2e-8).Within(1e-14));
    }

    [Test]
    public void Of_NoDegreeOfFreedomLeft_ResidualUncertaintyIsNotANumber()
    {
        DeviationFit fit = DeviationFit.Of(s_k, [200, 400, 600], [200.5, 400.7, 600.2], 2);

        Assert.That(fit.DegreesOfFreedom, Is.Zero);
        Assert.That(fit.ResidualStandardUncertaintyKelvin, Is.NaN);
    }

    [Test]
    public void Of_ReadingOutsideTheReferenceFunction_ThrowsNamingIt() =>
        Assert.That(() => DeviationFit.Of(s_k, [200, 400, 1400], [200, 400, 1401], 1),
            Throws.ArgumentException.With.Message.Contains("1400 degC is outside the type K reference function"));
}
