using UsocHil.Calibration;
using UsocHil.Uncertainty;

namespace UsocHil.Tests.Calibration;

public sealed class HysteresisPointTests
{
    /// <summary>A sweep 200, 400, 600 up and 400, 200 down: the sensor reads 0.1 K high going up, 0.3 K high going down.</summary>
    private static SampleSet UpAndDown()
    {
        var set = new SampleSet("points");
        foreach (var (reference, sensor) in new[] { (200.0, 200.1), (400.2, 400.3), (600.0, 600.1), (399.6, 399.9), (200.3, 200.6) })
        {
            set.Add(new Dictionary<string, SampleStatistics>
            {
                ["TC1_RAW"] = new(sensor, 0.01, 20),
                ["dmm"] = new(reference, 0.01, 20) { Drift = 0.04 },
            });
        }

        return set;
    }

    [Test]
    public void Of_PointsReachedFromBothSides_PairsThemAndGivesDownMinusUp()
    {
        IReadOnlyList<HysteresisPoint> points = HysteresisPoint.Of(UpAndDown(), "TC1_RAW", "dmm");

        Assert.That(points.Select(p => (p.UpRow, p.DownRow)), Is.EqualTo(new[] { (0, 4), (1, 3) }));
        Assert.That(points.Select(p => p.Hysteresis), Is.EqualTo(new[] { 0.2, 0.2 }).Within(1e-9));
        Assert.That(points[1].Reference, Is.EqualTo(399.9).Within(1e-9));
    }

    [Test]
    public void Of_EveryPointFromBelow_NoHysteresis()
    {
        var set = new SampleSet("points");
        foreach (double t in new[] { 200.0, 400, 600, 800 })
        {
            set.Add(new Dictionary<string, SampleStatistics> { ["x"] = new(t + 0.5, 0.01, 10), ["y"] = new(t, 0.01, 10) });
        }

        Assert.That(HysteresisPoint.Of(set, "x", "y"), Is.Empty);
    }

    [Test]
    public void CalibrationPointBudget_MeasuredHysteresis_ReplacesTheDeclaredOneAndTheDriftIsAComponent()
    {
        SampleSet set = UpAndDown();
        var fit = PolynomialFit.Of(set.Column("TC1_RAW"), set.Column("dmm"), 1);

        IReadOnlyList<UncertaintyBudget> budgets = CalibrationPointBudget.Of("TC1", set, "TC1_RAW", "dmm", fit, 0.1, new DeclaredBudget(0.02, 0.05, 0.03, 0.001), "degC");

        UncertaintyComponent Named(int row, string prefix) => budgets[row].Components.Single(c => c.Name.StartsWith(prefix, StringComparison.Ordinal));
        Assert.That(Named(1, "hysteresis").Name, Is.EqualTo("hysteresis (measured up/down)"));
        Assert.That(Named(1, "hysteresis").StandardUncertainty, Is.EqualTo(0.1 / Math.Sqrt(3)).Within(1e-9));
        Assert.That(Named(2, "hysteresis").Name, Is.EqualTo("hysteresis (largest measured up/down)"), "600 degC was reached only from below");
        Assert.That(Named(2, "hysteresis").StandardUncertainty, Is.EqualTo(0.1 / Math.Sqrt(3)).Within(1e-9));
        Assert.That(Named(0, "drift of the reference").StandardUncertainty, Is.EqualTo(0.02 / Math.Sqrt(3)).Within(1e-12));
        Assert.That(budgets[0].Components.Select(c => c.Name).Distinct().Count(), Is.EqualTo(9));
    }

    [Test]
    public void CalibrationPointBudget_NoPointFromBothSides_KeepsTheDeclaredHysteresis()
    {
        var set = new SampleSet("points");
        foreach (double t in new[] { 200.0, 400, 600, 800 })
        {
            set.Add(new Dictionary<string, SampleStatistics> { ["x"] = new(t + 0.5, 0.01, 10), ["y"] = new(t, 0.01, 10) });
        }

        IReadOnlyList<UncertaintyBudget> budgets = CalibrationPointBudget.Of("TC1", set, "x", "y", PolynomialFit.Of(set.Column("x"), set.Column("y"), 2), 0.1, new DeclaredBudget(0, 0, 0.03, 0), "degC");

        Assert.That(budgets.Select(b => b.Components.Single(c => c.Name.StartsWith("hysteresis", StringComparison.Ordinal)).StandardUncertainty),
            Is.All.EqualTo(0.03 / Math.Sqrt(3)).Within(1e-12));
    }
}
