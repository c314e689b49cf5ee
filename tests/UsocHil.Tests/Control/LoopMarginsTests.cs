using UsocHil.Control;

namespace UsocHil.Tests.Control;

/// <summary>The margins of loops whose margins are known in closed form.</summary>
public sealed class LoopMarginsTests
{
    [Test]
    public void Of_IntegralControlOfAPureDeadTime_MatchesClosedForm()
    {
        // L(s) = K Ki e^(-Ls) / s: |L| = 1 at w = K Ki, phase -90° - wL, so PM = 90° - K Ki L (rad) and the phase
        // reaches -180° at w = pi / 2L, where GM = pi / (2 L K Ki).
        const double k = 1, ki = 0.1, deadTime = 2;
        var plant = new ProcessModel(k, 0, 0, deadTime);

        LoopMargins margins = LoopMargins.Of(plant, new PidForm(0, ki, 0, 0));

        double pm = 90 - (k * ki * deadTime * 180 / Math.PI);
        double gm = Math.PI / (2 * deadTime * k * ki);
        Assert.Multiple(() =>
        {
            Assert.That(margins.CrossoverRadiansPerSecond, Is.EqualTo(k * ki).Within(0.01).Percent);
            Assert.That(margins.PhaseMarginDegrees, Is.EqualTo(pm).Within(0.01));
            Assert.That(margins.PhaseCrossoverRadiansPerSecond, Is.EqualTo(Math.PI / (2 * deadTime)).Within(0.01).Percent);
            Assert.That(margins.GainMargin, Is.EqualTo(gm).Within(0.01).Percent);
            Assert.That(margins.GainMarginBounded, Is.True);

            // Every loop's Ms is bounded below by its margins (Astrom and Murray, Feedback Systems, 2008, 12.1).
            Assert.That(margins.SensitivityPeak, Is.GreaterThanOrEqualTo(gm / (gm - 1)));
            Assert.That(margins.SensitivityPeak, Is.GreaterThanOrEqualTo(1 / (2 * Math.Sin(pm * Math.PI / 360))));
        });
    }

    [TestCase(2, 120)]
    [TestCase(5, 101.537)]
    public void Of_ProportionalControlOfAFirstOrderPlant_PhaseMarginClosedFormGainMarginUnbounded(double loopGain, double expectedPm)
    {
        // L = k / (Ts + 1): |L| = 1 at wT = sqrt(k² - 1), PM = 180° - atan(sqrt(k² - 1)); the phase never reaches -180°;
        // |S| = |jwT + 1| / |jwT + 1 + k| < 1 everywhere, tending to 1, so Ms = 1.
        var plant = new ProcessModel(loopGain / 4, 10, 0, 0);

        LoopMargins margins = LoopMargins.Of(plant, new PidForm(4, 0, 0, 0));

        Assert.Multiple(() =>
        {
            Assert.That(margins.PhaseMarginDegrees, Is.EqualTo(180 - (Math.Atan(Math.Sqrt((loopGain * loopGain) - 1)) * 180 / Math.PI)).Within(0.01));
            Assert.That(margins.PhaseMarginDegrees, Is.EqualTo(expectedPm).Within(0.01));
            Assert.That(margins.CrossoverRadiansPerSecond, Is.EqualTo(Math.Sqrt((loopGain * loopGain) - 1) / 10).Within(0.01).Percent);
            Assert.That(margins.GainMarginBounded, Is.False);
            Assert.That(margins.SensitivityPeak, Is.InRange(0.999, 1.0));
        });
    }

    [Test]
    public void Of_ProportionalControlOfTwoEqualLagsAndNoDelay_SensitivityPeakMatchesClosedForm()
    {
        // L = k / (s + 1)²: |S|² = ((1 - w²)² + 4w²) / ((1 + k - w²)² + 4w²) = (1 + x)² / (x² - 14x + 81) for k = 8,
        // x = w²; its derivative vanishes at x = 11, where |S|² = 144 / 48: Ms = sqrt(3).
        const double k = 8;
        var plant = new ProcessModel(k, 1, 1, 0);
        double ms = Math.Sqrt(3);

        LoopMargins margins = LoopMargins.Of(plant, new PidForm(1, 0, 0, 0));

        Assert.That(margins.SensitivityPeak, Is.EqualTo(ms).Within(1e-4).Percent);
    }

    [Test]
    public void Of_DerivativeAction_AddsPhaseAtCrossover()
    {
        var plant = new ProcessModel(2, 1600, 5, 2);

        LoopMargins withoutD = LoopMargins.Of(plant, new PidForm(300, 0.045, 0, 2));
        LoopMargins withD = LoopMargins.Of(plant, new PidForm(300, 0.045, 800, 2));

        Assert.That(withD.PhaseMarginDegrees, Is.GreaterThan(withoutD.PhaseMarginDegrees + 5));
        Assert.That(withD.SensitivityPeak, Is.LessThan(withoutD.SensitivityPeak));
    }
}
