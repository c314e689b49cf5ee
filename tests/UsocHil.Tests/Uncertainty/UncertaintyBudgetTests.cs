using UsocHil.Uncertainty;

namespace UsocHil.Tests.Uncertainty;

public sealed class UncertaintyBudgetTests
{
    /// <summary>
    /// GUM (JCGM 100:2008) H.1, calibration of an end gauge, contributions in nm: the six inputs of Table H.1 with their
    /// sensitivity coefficients and degrees of freedom. The expected figures were computed independently with mpmath at
    /// 40 digits (Welch-Satterthwaite unrounded, t quantile by root-finding on the regularised incomplete beta function)
    /// at p = erf(√2); the GUM states u_c = 32 nm and ν_eff ≈ 16 for the same budget.
    /// </summary>
    private static UncertaintyBudget EndGauge() => new("end gauge length", "nm",
    [
        new UncertaintyComponent("calibration of the standard l_s", 25, 1, 18),
        new UncertaintyComponent("measured difference d", 9.7, 1, 25.6),
        new UncertaintyComponent("thermal expansion coefficient α_s", 1.2e-6, 0),
        new UncertaintyComponent("temperature of the table θ", 0.41, 0),
        new UncertaintyComponent("difference in expansion coefficients δα", 0.58e-6, 5e6, 50),
        new UncertaintyComponent("difference in temperatures δθ", 0.029, -575, 2),
    ]);

    [Test]
    public void Budget_GumEndGauge_ReproducesCombinedDegreesOfFreedomAndExpanded()
    {
        UncertaintyBudget budget = EndGauge();

        Assert.That(budget.Combined, Is.EqualTo(31.710497079043085).Within(1e-6));
        Assert.That(budget.EffectiveDegreesOfFreedom, Is.EqualTo(16.656354863233650).Within(1e-6));
        Assert.That(budget.CoverageFactor, Is.EqualTo(2.161774962451510).Within(1e-6));
        Assert.That(budget.Expanded, Is.EqualTo(68.550958632367080).Within(1e-6));
    }

    [TestCase(4, 2.869309414628827)]
    [TestCase(9, 2.319805898259143)]
    [TestCase(19, 2.140493723053199)]
    public void CoverageFactor_DegreesOfFreedom_MatchesGumTableG2(double nu, double k)
    {
        Assert.That(CoverageFactor.For(nu), Is.EqualTo(k).Within(1e-6));
    }

    [Test]
    public void Budget_AllTypeB_InfiniteDegreesOfFreedomAndKIsTwo()
    {
        var budget = new UncertaintyBudget("reference", "degC",
        [
            UncertaintyComponent.FromExpanded("certificate", 0.1, 2),
            UncertaintyComponent.Rectangular("resolution", 0.005 * Math.Sqrt(3)),
        ]);

        Assert.That(budget.EffectiveDegreesOfFreedom, Is.EqualTo(double.PositiveInfinity));
        Assert.That(budget.CoverageFactor, Is.EqualTo(2).Within(1e-9));
        Assert.That(budget.Combined, Is.EqualTo(Math.Sqrt((0.05 * 0.05) + (0.005 * 0.005))).Within(1e-12));
    }

    [Test]
    public void TypeA_TwentyReadings_StandardDeviationOfTheMeanWithNineteenDegrees()
    {
        double[] readings = Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 500.1 : 499.9).ToArray();

        UncertaintyComponent repeatability = UncertaintyComponent.TypeA("repeatability", readings);

        Assert.That(repeatability.DegreesOfFreedom, Is.EqualTo(19));
        Assert.That(repeatability.StandardUncertainty, Is.EqualTo(Math.Sqrt(0.2 / 19 / 20)).Within(1e-12));
    }

    [Test]
    public void Component_NegativeUncertainty_RefusedNamingIt()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new UncertaintyComponent("drift", -0.1));
        Assert.That(ex!.Message, Does.Contain("drift"));
    }
}
