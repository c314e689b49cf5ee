using UsocHil.Cli;
using UsocHil.IntegrationTests.Centrifuge;

namespace UsocHil.IntegrationTests.Reproduction;

/// <summary>
/// The same verb on a second payload, so that it is not furnace-shaped: a "flight" centrifuge whose rotor imbalance
/// grows in three steps while it spins at 2500 rpm (a sample shifting in its holder), exported with results packets
/// and imported as a timeline, is not reproduced on a healthy ground model (the vibration differs), is reproduced
/// with the growing imbalance injected, and that hypothesis ranks first among four.
/// </summary>
public sealed class ReproduceCentrifugeTests
{
    private const int Seed = 11;

    /// <summary>Rig time per wall time; the fault's steps count from the unit's boot (UPTIME), so start-up jitter does not move them.</summary>
    private const double TimeScale = 100;

    /// <summary>The imbalance grows from the unit's own (0.5 to 1.5) to 4: vibration about 1.3 g at 2500 rpm, under the onboard trip.</summary>
    private static readonly string[] s_growingImbalance = ["signal=IMBALANCE:2@UPTIME>300", "signal=IMBALANCE:3@UPTIME>500", "signal=IMBALANCE:4@UPTIME>700"];

    /// <summary>How the flight unit (and so the ground model) is brought up: powered, booted, drive enabled, lid locked.</summary>
    private const string FlightSetup = """
        {
          "sequence": "flight", "version": "1.0.0",
          "powerUp": [
            { "kind": "power", "supply": "on" },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 60 },
            { "kind": "power", "lines": { "MOTOR_EN": true, "LID_LOCK": true } },
            { "kind": "wait", "parameter": "LID_LOCKED", "equals": "LOCKED", "timeoutSeconds": 10 }
          ],
          "steps": [
            { "kind": "set", "parameters": { "WATCHDOG_TIMEOUT": 600, "SPEED_SETPOINT": 2500 } },
            { "kind": "command", "command": "MOTOR_START" },
            { "kind": "wait", "label": "spinning, the imbalance grows on the way", "seconds": 900 },
            { "kind": "command", "command": "MOTOR_STOP" }
          ]
        }
        """;

    private static CentrifugeStation Station(IEnumerable<string>? faults = null) =>
        CentrifugeStation.Create(Seed, faults, new Dictionary<string, string> { ["flight"] = FlightSetup }, TimeScale);

    [Test]
    [CancelAfter(900_000)]
    public async Task Reproduce_GrowingImbalanceFlight_NotOnAHealthyModelYesWithTheFaultAndRankedFirst(CancellationToken ct)
    {
        using CentrifugeStation ground = Station();
        string timeline = Path.Combine(ground.Directory, "flight.json");
        using (CentrifugeStation flightUnit = Station(s_growingImbalance))
        {
            (int exit, string output) = await flightUnit.RunToEndAsync("flight", ct);
            Assert.That(exit, Is.EqualTo(ExitCodes.Passed), output);
            string dump = Path.Combine(ground.Directory, "flight.bin");
            CliProcessResult export = await UsocHilProcess.RunAsync(flightUnit.Directory, ["results", "packets", "1", "--out", dump], ct);
            Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Passed), export.Describe());
            CliProcessResult import = await UsocHilProcess.RunAsync(ground.Directory, ["timeline", "import", dump, "--rig", CentrifugeStation.Rig, "--out", timeline], ct);
            Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.Passed), import.Describe());
            Assert.That(import.Stdout, Does.Contain("0 bad, 0 unknown"), import.Describe());
        }

        string healthyReport = Path.Combine(ground.Directory, "healthy.html");
        CliProcessResult healthy = await Reproduce(ground, timeline, ["--report", healthyReport], ct);
        string[] injected = [.. s_growingImbalance.SelectMany(f => new[] { "--fault", f })];
        CliProcessResult faulty = await Reproduce(ground, timeline, injected, ct);

        Assert.That(healthy.ExitCode, Is.EqualTo(ExitCodes.VerdictFailed), healthy.Describe());
        Assert.That(LastLine(healthy), Does.StartWith("not reproduced: ").And.Contain("VIBRATION"));
        Assert.That(LastLine(healthy), Does.Not.Contain("SPEED_RPM"), "the rotor's speed is the same on a healthy unit");
        string healthyHtml = await File.ReadAllTextAsync(healthyReport, ct);
        Assert.That(healthyHtml, Does.Contain("<p id=\"verdict\" class=\"differs\"><strong>not reproduced: VIBRATION"));
        Assert.That(healthyHtml, Does.Contain("<tr class=\"differs\"><td>VIBRATION</td>"));
        Assert.That(healthyHtml, Does.Contain("<tr class=\"agrees\"><td>SPEED_RPM</td>"));
        Assert.That(faulty.ExitCode, Is.EqualTo(ExitCodes.Passed), faulty.Describe());
        Assert.That(LastLine(faulty), Is.EqualTo("reproduced"));

        string growing = string.Join(" ", s_growingImbalance);
        string hypotheses = Path.Combine(ground.Directory, "hypotheses.txt");
        await File.WriteAllLinesAsync(hypotheses, ["none", "signal=IMBALANCE:3", "signal=ENC_SLIP:0.97", growing], ct);
        string rankedReport = Path.Combine(ground.Directory, "ranked.html");
        CliProcessResult ranked = await Reproduce(ground, timeline, ["--hypotheses", hypotheses, "--report", rankedReport], ct);

        Assert.That(ranked.ExitCode, Is.EqualTo(ExitCodes.Passed), ranked.Describe());
        Assert.That(ranked.Stdout, Does.Contain($"  1. {growing}: score"), ranked.Describe());
        Assert.That(LastLine(ranked), Is.EqualTo("reproduced"));
        string html = await File.ReadAllTextAsync(rankedReport, ct);
        Assert.That(html, Does.Contain($"<tr><td>1</td><td>{System.Net.WebUtility.HtmlEncode(growing)}</td>"), "the report ranks the hypotheses as the terminal does");
        Assert.That(html, Does.Contain("<img alt=\"VIBRATION: flight and ground\" src=\"data:image/png;base64,"), "flight and ground curves overlaid");
    }

    private static Task<CliProcessResult> Reproduce(CentrifugeStation ground, string timeline, IEnumerable<string> options, CancellationToken ct) =>
        UsocHilProcess.RunAsync(ground.Directory, ["reproduce", CentrifugeStation.Rig, timeline, "--setup", "flight", .. options], ct);

    private static string LastLine(CliProcessResult result) => result.Stdout.TrimEnd().Split('\n')[^1].TrimEnd('\r');
}
