using System.Text.Json.Nodes;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// The main job, as a newcomer runs it: <c>usoc-hil run furnace-em calibrate-thermocouples --yes</c> on an emulated
/// station, through the real ptys, PUS and SCPI. The emulator's hidden truth then judges the calibration.
/// </summary>
public sealed class CalibrationRunTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [CancelAfter(90_000)]
    public async Task RunCalibrateThermocouples_EmulatedUnit_CalibratedThermocouplesWithinPoint3KelvinOfTruthFrom200To800(int seed, CancellationToken cancellationToken)
    {
        using var station = new TemporaryRigStation(seed);
        using CliRun run = station.Run("calibrate-thermocouples");

        int exit = await run.WaitForExitAsync(cancellationToken);

        Assert.That(exit, Is.EqualTo(0), run.Output + "\n" + run.Error);
        Assert.That(run.Output, Does.Contain("Run ended Completed (Passed)"));
        TruthRecord truth = station.FinalTruth();
        Assert.That(truth.SerialNumber, Is.EqualTo(seed));
        Assert.That(truth.HeaterOn, Is.False);
        Assert.That(truth.SupplyOutputOn, Is.False);
        var fits = station.LogEvents().Where(e => e["Fit"] is not null && e["Coefficients"] is JsonArray)
            .ToDictionary(e => e["Fit"]!.GetValue<string>(), e => e["Coefficients"]!.AsArray().Select(c => (double)(float)c!.GetValue<double>()).ToArray());
        for (int tc = 0; tc < 3; tc++)
        {
            double[] c = fits[$"TC{tc + 1}"];
            ThermocoupleTruth errors = truth.Thermocouples[tc];
            for (double t = 200; t <= 800; t += 10)
            {
                double raw = errors.OffsetKelvin + ((1 + errors.GainError) * t) + (errors.QuadraticPerKelvin * t * t);
                double calibrated = c[0] + (c[1] * raw) + (c[2] * raw * raw);
                Assert.That(calibrated - t, Is.InRange(-0.3, 0.3), $"seed {seed}: TC{tc + 1} at {t} degC");
            }
        }
    }
}
