using System.Text.RegularExpressions;
using UsocHil.Cli;

namespace UsocHil.IntegrationTests.Reproduction;

/// <summary>
/// The issue's "must show" on the emulated furnace: a "flight" made by a unit whose thermocouple 2 sticks at 20 min
/// into a heat-up, exported with results packets and imported as a timeline, is reproduced on a ground model of the
/// same design: not on a healthy one (naming TC2, and TC1 and TC3 with it: the controller averages the thermocouples,
/// so a stuck one makes the flight unit overheat), yes with the fault injected, and the injected fault ranks first
/// among four hypotheses.
/// </summary>
[NonParallelizable]
public sealed partial class ReproduceFurnaceTests
{
    internal const int Seed = 7;
    internal const string Stuck = "stuck-tc=2@UPTIME>1200s";

    /// <summary>How the flight unit (and so the ground model) is brought up: powered, booted, heater armed.</summary>
    internal const string FlightSetup = """
        {
          "sequence": "flight", "version": "1.0.0",
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 },
            { "kind": "power", "lines": { "HEATER_ARM": true } }
          ],
          "steps": [
            { "kind": "set", "parameters": { "RAMP_RATE": 10, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 300 } },
            { "kind": "command", "command": "HEATER_ON" },
            { "kind": "wait", "label": "heat-up, the thermocouple sticks on the way", "seconds": 1500 },
            { "kind": "command", "command": "HEATER_OFF" }
          ]
        }
        """;

    /// <summary>
    /// The fault counts from the unit's boot (<c>@UPTIME&gt;</c>), as the flight and ground runs are aligned on their
    /// first report after boot: counted from the emulator's start, wall-clock start-up jitter would move it by
    /// (jitter × scale) of rig time, beyond TC2's envelope on a loaded machine. The paced clock of an in-process
    /// emulator holds rig time while harness or emulator lag, so the verdicts do not depend on the scale: 2,000×.
    /// </summary>
    internal const double TimeScale = 2000;

    internal static TemporaryStation Station(params string[] faults) => Station(TimeScale, faults);

    internal static TemporaryStation Station(double timeScale, params string[] faults) =>
        TemporaryStation.EmulatedFurnace(Seed, timeScale, faults: faults, extraSequences: new Dictionary<string, string> { ["flight"] = FlightSetup });

    [Test]
    [CancelAfter(900_000)]
    public async Task Reproduce_StuckThermocoupleFlight_NotOnAHealthyModelYesWithTheFaultAndRankedFirst(CancellationToken ct)
    {
        string timeline;
        using TemporaryStation ground = Station();
        using (TemporaryStation flightUnit = Station(Stuck))
        {
            CliProcessResult flight = await flightUnit.Run("flight").WaitForExitAsync(ct);
            Assert.That(flight.ExitCode, Is.EqualTo(ExitCodes.Passed), flight.Describe());
            string dump = Path.Combine(ground.Directory, "flight.bin");
            CliProcessResult export = await UsocHilProcess.RunAsync(flightUnit.Directory, ["results", "packets", "1", "--out", dump], ct);
            Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Passed), export.Describe());
            timeline = Path.Combine(ground.Directory, "flight.json");
            CliProcessResult import = await UsocHilProcess.RunAsync(ground.Directory, ["timeline", "import", dump, "--rig", TestRigs.FurnaceName, "--out", timeline], ct);
            Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.Passed), import.Describe());
            Assert.That(import.Stdout, Does.Contain("0 bad, 0 unknown"), import.Describe());
            var outcomes = Timelines.TimelineJson.Read(timeline).Commands.Where(c => c.Command is "HEATER_ON" or "HEATER_OFF").Select(c => c.Verification).ToList();
            Assert.That(outcomes, Has.Count.GreaterThanOrEqualTo(2).And.All.EqualTo(new Timelines.TimelineVerification("completion", true)),
                "the flight unit's service 1 reports, read from the dump: the heater commands completed");
        }

        CliProcessResult healthy = await UsocHilProcess.RunAsync(ground.Directory, ["reproduce", TestRigs.FurnaceName, timeline, "--setup", "flight"], ct);
        CliProcessResult faulty = await UsocHilProcess.RunAsync(ground.Directory, ["reproduce", TestRigs.FurnaceName, timeline, "--setup", "flight", "--fault", Stuck], ct);

        Assert.That(healthy.ExitCode, Is.EqualTo(ExitCodes.VerdictFailed), healthy.Describe());
        Assert.That(LastLine(healthy), Does.StartWith("not reproduced: ").And.Contain("TC2_TEMP"));
        Assert.That(faulty.ExitCode, Is.EqualTo(ExitCodes.Passed), faulty.Describe());
        Assert.That(LastLine(faulty), Is.EqualTo("reproduced"));
        Match lag = LagOf().Match(faulty.Stdout);
        Assert.That(lag.Success, Is.True, faulty.Describe());
        Assert.That(Math.Abs(double.Parse(lag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), Is.LessThanOrEqualTo(2), "same unit design: the true lag is 0");

        string hypotheses = Path.Combine(ground.Directory, "hypotheses.txt");
        await File.WriteAllLinesAsync(hypotheses, ["none", "stuck-tc=1@UPTIME>1200s", Stuck, "slow-heater=0.5"], ct);
        CliProcessResult ranked = await UsocHilProcess.RunAsync(ground.Directory, ["reproduce", TestRigs.FurnaceName, timeline, "--setup", "flight", "--hypotheses", hypotheses], ct);

        Assert.That(ranked.ExitCode, Is.EqualTo(ExitCodes.Passed), ranked.Describe());
        Assert.That(ranked.Stdout, Does.Contain($"  1. {Stuck}: score"), ranked.Describe());
        Assert.That(LastLine(ranked), Is.EqualTo("reproduced"));
    }

    private static string LastLine(CliProcessResult result) => result.Stdout.TrimEnd().Split('\n')[^1].TrimEnd('\r');

    [GeneratedRegex(@"TC1_TEMP: agrees, lag ([+-]?\d+\.\d+) s")]
    private static partial Regex LagOf();
}
