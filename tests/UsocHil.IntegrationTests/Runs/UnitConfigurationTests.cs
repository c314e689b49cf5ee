using System.Diagnostics;
using System.Text.Json.Nodes;
using Serilog.Core;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// The furnace emulator bound as hardware (<c>usoc-hil emulate</c> in its own process, reached over a pty, TCP and a
/// pigpiod socket, as a bench would be): the record names the unit by the serial it reports, and a certification
/// names the calibration run whose coefficients the unit loaded from its EEPROM.
/// </summary>
public sealed class UnitConfigurationTests
{
    private const int Serial = 9;

    [Test]
    [CancelAfter(150_000)]
    public async Task CalibrateThenCertify_EmulatorBoundAsHardware_SerialFromTheUnitAndCertifyNamesTheCalibrationRun(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Serial);
        ProcessStartInfo start = UsocHilProcess.StartInfo(["--station", RepositoryPaths.StationFile, "emulate", "furnace-em", "--time-scale", "400", "--seed", Serial.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using Process emulator = Process.Start(start)!;
        try
        {
            string output = await UsocHilProcess.ReadBindingAsync(emulator, cancellationToken);
            JsonNode rigs = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..])!;
            Assert.That(rigs["furnace-em"]!["emulated"]?.GetValue<bool>() ?? false, Is.False, "bound as hardware");
            var config = new JsonObject
            {
                ["station"] = "bench",
                ["results"] = "results.db",
                ["register"] = new JsonArray(new JsonObject
                {
                    ["rig"] = "furnace-em", ["instrument"] = "dmm", ["serial"] = "DMM-0042", ["certificate"] = "CAL-2026-001",
                    ["calibrated"] = "2026-01-10", ["due"] = "2099-01-10", ["uncertainty"] = 0.05,
                }),
                ["rigs"] = rigs.DeepClone(),
            };
            await File.WriteAllTextAsync(station.StationFile, config.ToJsonString(), cancellationToken);

            foreach (string sequence in new[] { "calibrate-thermocouples", "certify" })
            {
                using RunningCli run = UsocHilProcess.Start(station.Directory, ["--station", station.StationFile, "run", "furnace-em", sequence, "--yes"]);
                int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;
                Assert.That(exit, sequence == "certify" ? Is.EqualTo(0).Or.EqualTo(1) : Is.EqualTo(0), $"{sequence}:\n{run.Output}\n{run.Error}");
            }
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync(CancellationToken.None);
        }

        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(cancellationToken);
        RunRecord calibration = await archive.ReadRunAsync(runs[0].Id, cancellationToken);
        RunRecord certification = await archive.ReadRunAsync(runs[1].Id, cancellationToken);
        double reported = certification.Measurements.Single(m => m.Name == "configuration: SERIAL_NUMBER").Value;
        Assert.That(reported, Is.EqualTo(Serial));
        Assert.That(certification.Summary.Header.UnitSerial, Is.EqualTo(Serial.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(calibration.Summary.Header.UnitSerial, Is.EqualTo(certification.Summary.Header.UnitSerial));
        Assert.That(certification.Events.Select(e => e.Data), Has.Some.Contains($"was produced by run {calibration.Id} (calibrate-thermocouples"));
        Assert.That(certification.Summary.Header.SoftwareVersion, Does.Match(@"\+[0-9a-f]{40}$"), "the harness commit");
    }
}
