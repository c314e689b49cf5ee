using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// A rate-of-change limit that applies only in closed-loop control, through the built CLI against the emulated
/// furnace: the heat-up trips it, and its red level safes the rig as any red limit does.
/// </summary>
public sealed class DeltaLimitRunTests
{
    /// <summary>CONTROL_TEMP may not rise faster than 0.25 °C/s, checked only while MODE is CONTROL (2).</summary>
    private static readonly JsonNode RunawayLimit = JsonNode.Parse("""
        { "parameter": "CONTROL_TEMP", "delta": { "yellow": 0.1, "red": 0.25, "per": "second" }, "persistence": 3, "when": { "parameter": "MODE", "equals": 2 } }
        """)!;

    private const string HeatUp = """
        { "sequence": "heat-up", "version": "1",
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
          ],
          "steps": [
            { "kind": "wait", "label": "idle", "seconds": 60 },
            { "kind": "set", "parameters": { "PID_KP": 20, "PID_KI": 0.1, "PID_KD": 200, "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 400 } },
            { "kind": "power", "lines": { "HEATER_ARM": true } },
            { "kind": "command", "command": "HEATER_ON" },
            { "kind": "wait", "label": "heating", "parameter": "CONTROL_TEMP", "above": 390, "timeoutSeconds": 3600 }
          ] }
        """;

    [Test]
    [CancelAfter(90_000)]
    public async Task Run_HeatUpFasterThanTheRedDeltaInControlMode_SafesAndExits1(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(6, extraSequences: new Dictionary<string, string> { ["heat-up"] = HeatUp });
        string rigFile = station.RigFile(TestRigs.FurnaceName);
        JsonObject rig = JsonNode.Parse(await File.ReadAllTextAsync(rigFile, cancellationToken))!.AsObject();
        rig["limits"]!.AsArray().Add(RunawayLimit.DeepClone());
        await File.WriteAllTextAsync(rigFile, rig.ToJsonString(), cancellationToken);

        using RunningCli run = station.Run("heat-up");
        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(1), run.Output + run.Error);
        Assert.That(run.Output, Does.Contain("Safing (HardLimitViolated)"), run.Output);
        Assert.That(run.Output, Does.Contain("outside its red delta limit (applicable while MODE = 2)"), run.Output);
        int heaterOn = run.Output.IndexOf("step 4 passed", StringComparison.Ordinal);
        int firstLevel = run.Output.IndexOf("CONTROL_TEMP Nominal -> ", StringComparison.Ordinal);
        Assert.That(heaterOn, Is.GreaterThan(0), run.Output);
        Assert.That(firstLevel, Is.GreaterThan(heaterOn), "nothing judged the rate before closed-loop control began");
        var truth = File.ReadLines(station.TruthFile).Where(l => l.Length > 0)
            .Select(l => JsonSerializer.Deserialize<TruthRecord>(l, new JsonSerializerOptions(JsonSerializerDefaults.Web))!).ToList();
        Assert.That(truth.Any(t => t.HeaterOn), Is.True, "the heater never ran, so the test proves nothing");
        Assert.That(truth.Max(t => t.CoreCelsius), Is.LessThan(390), "safed during the heat-up, before the setpoint");
        Assert.That((truth[^1].HeaterOn, truth[^1].SupplyOutputOn, truth[^1].PowerEnable), Is.EqualTo((false, false, false)), "heater, supply and POWER_EN off");
    }
}
