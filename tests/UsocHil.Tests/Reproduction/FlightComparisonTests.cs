using UsocHil.Reproduction;

namespace UsocHil.Tests.Reproduction;

/// <summary>Flight against ground, parameter by parameter: the lag found, the envelope held, what differs.</summary>
public sealed class FlightComparisonTests
{
    /// <summary>A heat-up: 20 degC, then 10 K/min from 60 s to 1800 s, sampled once a second, shifted later by <paramref name="lag"/>.</summary>
    private static List<(double T, double V)> Ramp(double lag = 0, double? stuckFrom = null) =>
        [.. Enumerable.Range(0, 2000).Select(i =>
        {
            double t = i;
            double at = stuckFrom is { } s && t > s ? s : t;
            return (t, 20 + (Math.Clamp(at - lag, 60, 1800) - 60) / 6.0);
        })];

    [TestCase(0.0)]
    [TestCase(4.0)]
    [TestCase(-7.5)]
    public void Compare_GroundLaggingTheFlight_FindsTheLagWithinAQuarterSecondAndAgrees(double lag)
    {
        var flight = new Dictionary<string, List<(double, double)>> { ["TC1_TEMP"] = Ramp() };
        var ground = new Dictionary<string, List<(double, double)>> { ["TC1_TEMP"] = Ramp(lag) };

        ParameterAgreement a = FlightComparison.Compare(flight, ground).Single();

        Assert.That(a.Agrees, Is.True, a.Describe());
        Assert.That(a.LagSeconds, Is.EqualTo(lag).Within(0.25));
        Assert.That(a.OutsideFraction, Is.Zero);
    }

    [Test]
    public void Compare_FlightSensorStuckMidRamp_ThatParameterDiffersTheOtherAgrees()
    {
        var flight = new Dictionary<string, List<(double, double)>> { ["TC1_TEMP"] = Ramp(), ["TC2_TEMP"] = Ramp(stuckFrom: 1200) };
        var ground = new Dictionary<string, List<(double, double)>> { ["TC1_TEMP"] = Ramp(), ["TC2_TEMP"] = Ramp() };

        IReadOnlyList<ParameterAgreement> agreements = FlightComparison.Compare(flight, ground);

        Assert.That(agreements.Single(a => a.Parameter == "TC1_TEMP").Agrees, Is.True);
        ParameterAgreement stuck = agreements.Single(a => a.Parameter == "TC2_TEMP");
        Assert.That(stuck.Agrees, Is.False, stuck.Describe());
        Assert.That(stuck.Margin, Is.LessThan(0));
    }

    [Test]
    public void Compare_ParameterOnlyInFlightOrWithTooFewSamples_NotJudged()
    {
        var flight = new Dictionary<string, List<(double, double)>> { ["ONLY_FLIGHT"] = Ramp(), ["FEW"] = [(0, 1), (1, 2)] };
        var ground = new Dictionary<string, List<(double, double)>> { ["FEW"] = [(0, 1), (1, 2)] };

        Assert.That(FlightComparison.Compare(flight, ground), Is.Empty);
    }
}
