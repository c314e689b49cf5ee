using System.Text.Json.Nodes;
using Serilog.Core;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

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
    public async Task RunCalibrateThermocouples_EmulatedUnit_CalibratedThermocouplesWithinPoint3KelvinOfTheTrueCoreFrom200To800(int seed, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed);
        string reports = Path.Combine(station.Directory, "reports");
        using RunningCli run = station.Run("calibrate-thermocouples", "--report", reports);

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(0), run.Output + "\n" + run.Error);
        Assert.That(run.Output, Does.Contain("Run ended Completed (Passed)"));
        TruthRecord truth = station.FinalTruth();
        Assert.That(truth.SerialNumber, Is.EqualTo(seed));
        Assert.That(truth.HeaterOn, Is.False);
        Assert.That(truth.SupplyOutputOn, Is.False);
        var fits = station.LogEvents().Where(e => e["Fit"] is not null && e["Coefficients"] is JsonArray)
            .ToDictionary(e => e["Fit"]!.GetValue<string>(), e => e["Coefficients"]!.AsArray().Select(c => (double)(float)c!.GetValue<double>()).ToArray());
        await AssertArchivedAsync(station, reports, cancellationToken);
        var furnace = new FurnaceThermalModel();
        for (int tc = 0; tc < 3; tc++)
        {
            double[] c = fits[$"TC{tc + 1}"];
            ThermocoupleTruth errors = truth.Thermocouples[tc];
            for (double core = 200; core <= 800; core += 10)
            {
                // Held at a core temperature, the junction sits in the furnace's gradient at its place; the calibrated
                // reading must give the core's (the sample's) temperature, hysteresis and the reference's own error aside.
                double t = core + (furnace.GradientKelvinPerWatt[tc] * furnace.HoldingPowerWatts(core));
                double raw = errors.OffsetKelvin + ((1 + errors.GainError) * t) + (errors.QuadraticPerKelvin * t * t);
                double calibrated = c[0] + (c[1] * raw) + (c[2] * raw * raw);
                Assert.That(calibrated - core, Is.InRange(-0.3, 0.3), $"seed {seed}: TC{tc + 1} at {core} degC");
            }
        }
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task RunCalibrateThermocouples_NoDriftAllowedWhileSampling_FailsAtTheFirstPointNamingTheColumnAndSafes(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 2);
        string sequence = Path.Combine(station.RigDirectory(TestRigs.FurnaceName), "sequences", "calibrate-thermocouples.json");
        string text = await File.ReadAllTextAsync(sequence, cancellationToken);
        const string Sample = "\"reference\": \"dmm\", \"count\": 20 }";
        Assert.That(text, Does.Contain(Sample));
        await File.WriteAllTextAsync(sequence, text.Replace(Sample, "\"reference\": \"dmm\", \"count\": 20, \"stability\": { \"maxDrift\": 0 } }", StringComparison.Ordinal), cancellationToken);
        using RunningCli run = station.Run("calibrate-thermocouples");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(1), run.Output + "\n" + run.Error);
        Assert.That(run.Output + run.Error, Does.Match(@"TC1_RAW drifted -?[0-9.eE-]+ degC over 20 readings, more than stability\.maxDrift 0; row not kept in 'points'"));
        TruthRecord truth = station.FinalTruth();
        Assert.That(truth.HeaterOn, Is.False);
        Assert.That(truth.SupplyOutputOn, Is.False);
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunRecord record = await archive.ReadRunAsync((await archive.ListRunsAsync(cancellationToken)).Single().Id, cancellationToken);
        Assert.That(record.Verdicts.Where(v => v.Name == "points.TC1_RAW drift").Select(v => v.Judged!.Verdict), Is.EqualTo(new[] { UsocHil.Expectations.Verdict.Fail }));
        Assert.That(record.Calibrations, Is.Empty, "no fit from a row that was not kept");
    }

    /// <summary>The run is in the station's archive, sealed, with every verdict and the three fits; the report shows them.</summary>
    private static async Task AssertArchivedAsync(TemporaryStation station, string reports, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(
            Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunSummary summary = (await archive.ListRunsAsync(cancellationToken)).Single();
        RunRecord record = await archive.ReadRunAsync(summary.Id, cancellationToken);

        Assert.That(record.Summary.Outcome, Is.EqualTo(UsocHil.Results.ArchivedOutcome.Passed));
        Assert.That(record.Summary.RecordHash, Is.Not.Null.And.Length.EqualTo(64));
        Assert.That(record.Verdicts.Count(), Is.GreaterThanOrEqualTo(13), "residual checks, read-backs and the 500 degC verification");
        Assert.That(record.Verdicts.Select(v => v.Name), Has.Some.Contains("TC1_TEMP - dmm"));
        Assert.That(record.Verdicts.Select(v => v.Judged!.Verdict), Has.All.EqualTo(UsocHil.Expectations.Verdict.Pass));
        Assert.That(record.Calibrations.Select(c => c.Sensor), Is.EquivalentTo(new[] { "TC1_RAW", "TC2_RAW", "TC3_RAW" }).Or.EquivalentTo(new[] { "TC1", "TC2", "TC3" }));
        Assert.That(record.Telemetry, Is.Not.Empty);
        Assert.That(record.Measurements.Count(m => m.Name == "points.dmm"), Is.EqualTo(9), "200 to 800 up in six points, 680, 560 and 320 down");
        var recorded = record.Measurements.GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        foreach (string tc in new[] { "TC1", "TC2", "TC3" })
        {
            Assert.That(recorded[$"{tc} deviation u(residual)"].Value, Is.GreaterThan(0).And.LessThan(0.3), $"{tc}: the type K deviation function fits as the free quadratic does");
            Assert.That(recorded.Keys, Has.Some.StartsWith($"{tc} deviation a2"));
            // Points reached from both sides (setpoints 320, 560, 680; the reference reads a few kelvin off them before the fit).
            string[] hysteresis = [.. recorded.Keys.Where(k => k.StartsWith($"{tc} hysteresis at ", StringComparison.Ordinal))];
            Assert.That(hysteresis, Has.Length.EqualTo(3), tc);
            Assert.That(hysteresis.Select(k => recorded[k].Value).Average(), Is.InRange(0.04, 0.16), $"{tc}: the emulated wire reads 0.1 K higher cooled to a point than warmed to it");
        }

        Assert.That((await archive.VerifyAsync(cancellationToken)).Intact, Is.True);
        string html = await File.ReadAllTextAsync(Path.Combine(reports, $"run-{summary.Id}.html"), cancellationToken);
        Assert.That(html, Does.Contain("data:image/png;base64,"));
        Assert.That(html, Does.Contain("residuals"));
    }
}
