using UsocHil.Calibration;

namespace UsocHil.Tests.Calibration;

public sealed class PolynomialFitTests
{
    private static readonly double[] s_truth = [1.5, 0.98, 2e-5];

    private static double Truth(double x) => s_truth[0] + (s_truth[1] * x) + (s_truth[2] * x * x);

    private static (double[] X, double[] Y) Noisy(int seed, int count = 40, double sigma = 0.05)
    {
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, count).Select(i => 200 + (600.0 * i / (count - 1))).ToArray();
        double[] y = x.Select(xi => Truth(xi) + (sigma * Gaussian(random))).ToArray();
        return (x, y);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Test]
    public void Of_ExactQuadratic_RecoversCoefficientsWithZeroResidualsAndRSquaredOne()
    {
        double[] x = [200, 350, 500, 650, 800];
        double[] y = x.Select(Truth).ToArray();

        PolynomialFit fit = PolynomialFit.Of(x, y, 2);

        Assert.That(fit.Order, Is.EqualTo(2));
        Assert.That(fit.Coefficients[0], Is.EqualTo(s_truth[0]).Within(1e-8));
        Assert.That(fit.Coefficients[1], Is.EqualTo(s_truth[1]).Within(1e-10));
        Assert.That(fit.Coefficients[2], Is.EqualTo(s_truth[2]).Within(1e-13));
        Assert.That(fit.MaxAbsResidual, Is.LessThan(1e-9));
        Assert.That(fit.RSquared, Is.EqualTo(1).Within(1e-12));
        Assert.That(fit.StandardUncertainties.Max(), Is.LessThan(1e-8));
        Assert.That(fit.Evaluate(575), Is.EqualTo(Truth(575)).Within(1e-9));
    }

    [Test]
    public void Of_NoisyQuadratic_CoefficientsWithinThreeUncertaintiesOfTheTruth()
    {
        var (x, y) = Noisy(seed: 7);

        PolynomialFit fit = PolynomialFit.Of(x, y, 2);

        for (int j = 0; j < 3; j++)
        {
            Assert.That(Math.Abs(fit.Coefficients[j] - s_truth[j]), Is.LessThan(3 * fit.StandardUncertainties[j]), $"c{j}");
        }

        Assert.That(fit.MaxAbsResidual, Is.InRange(0.05, 0.25));
        Assert.That(fit.RSquared, Is.GreaterThan(0.9999).And.LessThan(1));
    }

    /// <summary>The reported uncertainty is what the scatter of the coefficient over many noise draws actually is.</summary>
    [Test]
    public void Of_NoisyQuadratic_UncertaintiesMatchTheScatterOverRepeatedExperiments()
    {
        const int trials = 400;
        var fits = Enumerable.Range(1, trials).Select(seed => { var (x, y) = Noisy(seed); return PolynomialFit.Of(x, y, 2); }).ToArray();

        for (int j = 0; j < 3; j++)
        {
            double mean = fits.Average(f => f.Coefficients[j]);
            double scatter = Math.Sqrt(fits.Sum(f => Math.Pow(f.Coefficients[j] - mean, 2)) / (trials - 1));
            double reported = fits.Average(f => f.StandardUncertainties[j]);
            Assert.That(reported / scatter, Is.InRange(0.85, 1.15), $"c{j}: reported {reported:G3}, scatter {scatter:G3}");
            Assert.That(Math.Abs(mean - s_truth[j]), Is.LessThan(4 * scatter / Math.Sqrt(trials)), $"c{j} is biased");
        }
    }

    /// <summary>For a straight line the textbook formulas give the standard errors in closed form.</summary>
    [Test]
    public void Of_Line_UncertaintiesEqualTheClosedForm()
    {
        double[] x = [1, 2, 4, 7, 11, 16];
        double[] y = [2.1, 3.9, 8.2, 13.8, 22.5, 31.7];

        PolynomialFit fit = PolynomialFit.Of(x, y, 1);

        int n = x.Length;
        double xMean = x.Average(), yMean = y.Average();
        double sxx = x.Sum(v => (v - xMean) * (v - xMean));
        double slope = x.Zip(y).Sum(p => (p.First - xMean) * (p.Second - yMean)) / sxx;
        double intercept = yMean - (slope * xMean);
        double[] residuals = x.Zip(y).Select(p => p.Second - intercept - (slope * p.First)).ToArray();
        double s2 = residuals.Sum(r => r * r) / (n - 2);
        double ssTot = y.Sum(v => (v - yMean) * (v - yMean));
        Assert.That(fit.Coefficients, Is.EqualTo(new[] { intercept, slope }).Within(1e-10));
        Assert.That(fit.StandardUncertainties[1], Is.EqualTo(Math.Sqrt(s2 / sxx)).Within(1e-10));
        Assert.That(fit.StandardUncertainties[0], Is.EqualTo(Math.Sqrt(s2 * ((1.0 / n) + (xMean * xMean / sxx)))).Within(1e-10));
        Assert.That(fit.Residuals, Is.EqualTo(residuals).Within(1e-10));
        Assert.That(fit.RSquared, Is.EqualTo(1 - (residuals.Sum(r => r * r) / ssTot)).Within(1e-12));
    }

    [Test]
    public void Of_Residuals_AreMeasuredMinusFittedInInputOrder()
    {
        var (x, y) = Noisy(seed: 3, count: 12);

        PolynomialFit fit = PolynomialFit.Of(x, y, 2);

        Assert.That(fit.X, Is.EqualTo(x));
        Assert.That(fit.Y, Is.EqualTo(y));
        Assert.That(fit.Residuals, Is.EqualTo(x.Select((xi, i) => y[i] - fit.Evaluate(xi))).Within(1e-12));
        Assert.That(fit.Residuals.Sum(), Is.EqualTo(0).Within(1e-9), "least squares with an intercept leaves residuals summing to zero");
    }

    [Test]
    public void Of_ExactlyOrderPlusOnePoints_InterpolatesWithUnknownUncertainty()
    {
        PolynomialFit fit = PolynomialFit.Of([1, 2, 3], [1, 4, 9], 2);

        Assert.That(fit.Coefficients, Is.EqualTo(new[] { 0.0, 0.0, 1.0 }).Within(1e-10));
        Assert.That(fit.StandardUncertainties, Is.EqualTo(new[] { 0.0, 0.0, 0.0 }));
    }

    [TestCase(new double[] { 1, 2, 3 }, new double[] { 1, 2 }, 1, "3 x values but 2 y values")]
    [TestCase(new double[] { 1, 2 }, new double[] { 1, 2 }, 2, "at least 3 points, got 2")]
    [TestCase(new double[] { 5, 5, 5, 5 }, new double[] { 1, 2, 3, 4 }, 1, "at least 2 distinct x values, got 1")]
    [TestCase(new double[] { 1, 1, 2, 2 }, new double[] { 1, 2, 3, 4 }, 2, "at least 3 distinct x values, got 2")]
    [TestCase(new double[] { 1, double.NaN, 3 }, new double[] { 1, 2, 3 }, 1, "point 1 is (NaN, 2)")]
    [TestCase(new double[] { 1, 2, 3 }, new double[] { 1, 2, double.PositiveInfinity }, 1, "point 2 is (3, ")]
    public void Of_DegenerateInput_ThrowsArgumentExceptionSayingWhy(double[] x, double[] y, int order, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => PolynomialFit.Of(x, y, order));

        Assert.That(error!.Message, Does.Contain(message));
    }
}
