namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary>
/// The second payload, emulated from its rig.json and model.json alone, through the built CLI as an engineer runs it:
/// calibrate the tachometer, tune the spin profile, certify; the model's truth judges the calibration.
/// </summary>
public sealed class CentrifugeRunTests
{
    /// <summary>
    /// The in-process emulator's clock is paced (rig time waits for a lagging harness or emulator), so these verdicts
    /// do not depend on the scale: 1,000× instead of the station's 50× halves the test's wall time.
    /// </summary>
    private const double PacedScale = 1000;

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [CancelAfter(240_000)]
    public async Task CalibrateTuneCertify_EmulatedUnit_PassAndOnboardSpeedWithinOneRpmOfTheRotorAcrossTheRange(int seed, CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(seed, timeScale: PacedScale);

        foreach (string sequence in (string[])["calibrate-tachometer", "tune-spin-profile", "certify"])
        {
            var (exit, output) = await station.RunToEndAsync(sequence, cancellationToken);
            Assert.That(exit, Is.EqualTo(0), $"{sequence}:\n{output}");
            Assert.That(output, Does.Contain($"{sequence}: Passed"));
        }

        // Before the calibration the unit's encoder is off by its own scale error: the test can tell a bad calibration.
        var raw = station.Truth("calibrate-tachometer").Where(t => t["ENC_C1"] == 1 && t["ROTOR_RPM"] > 2900).ToList();
        Assert.That(raw, Is.Not.Empty);
        Assert.That(raw.Average(t => Math.Abs(t["SPEED_RPM"] - t["ROTOR_RPM"])), Is.GreaterThan(1.0), "this unit's encoder needed no calibration, so the test proves nothing");

        // The tuning run boots with the stored calibration and spins the rotor between 1000 and 3000 rpm.
        var calibrated = station.Truth("tune-spin-profile").Where(t => t["ROTOR_RPM"] > 500).ToList();
        foreach ((double low, double high) in ((double, double)[])[(500, 1500), (1500, 2500), (2500, 3100)])
        {
            var band = calibrated.Where(t => t["ROTOR_RPM"] >= low && t["ROTOR_RPM"] < high).Select(t => t["SPEED_RPM"] - t["ROTOR_RPM"]).ToList();
            Assert.That(band, Has.Count.GreaterThan(5), $"too few truth lines between {low} and {high} rpm");
            Assert.That(band.Average(), Is.InRange(-1.0, 1.0), $"mean onboard speed error between {low} and {high} rpm");
            Assert.That(band.Max(Math.Abs), Is.LessThan(2.0), $"worst onboard speed error between {low} and {high} rpm (noise sigma 0.3)");
        }
    }

    [TestCase("signal=IMBALANCE:2.5", "VIBRATION", Description = "a large imbalance shakes the rotor over 1 g at 3000 rpm")]
    [TestCase("signal=ENC_SLIP:0.97", "SPEED_RPM - counter", Description = "a slipping encoder: the rotor runs 3 % faster than the payload thinks")]
    [TestCase("signal=LID_OPEN:1@ROTOR_RPM>2000", "wait ended with SPEED_RPM", Description = "the lid switch opens during the spin-up: the payload trips a run-down")]
    [CancelAfter(180_000)]
    public async Task Certify_FaultyUnit_FailsNamingTheExpectation(string fault, string expectation, CancellationToken cancellationToken)
    {
        using var station = CentrifugeStation.Create(4);
        foreach (string preparation in (string[])["calibrate-tachometer", "tune-spin-profile"])
        {
            var (prepared, log) = await station.RunToEndAsync(preparation, cancellationToken);
            Assert.That(prepared, Is.EqualTo(0), log);
        }

        station.Bind([fault]);
        var (exit, output) = await station.RunToEndAsync("certify", cancellationToken);

        Assert.That(exit, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Run ended").And.Not.Contain("(Passed)"));
        var failed = output.Split('\n').Where(l => l.Contains("FAIL", StringComparison.Ordinal) || l.Contains(" failed", StringComparison.Ordinal) || l.Contains("wait ended with", StringComparison.Ordinal)).ToList();
        Assert.That(failed, Has.Some.Contains(expectation), output);
    }
}
