namespace UsocHil.IntegrationTests.Reliability;

/// <summary>furnace-em's rig.json and a sequence that heats toward 300 °C and holds far longer than a test lasts, so a fault can land while the heater is on.</summary>
internal static class HeatAndHoldRig
{
    public const string Sequence = "heat-and-hold";

    /// <summary>Writes rigs/furnace-em under <paramref name="directory"/>; returns the rigs folder.</summary>
    public static string Write(string directory, int watchdogSeconds = 600)
    {
        string rigs = Path.Combine(directory, "rigs");
        string rig = Path.Combine(rigs, "furnace-em");
        Directory.CreateDirectory(Path.Combine(rig, "sequences"));
        File.Copy(TestRigs.FurnaceFile, Path.Combine(rig, "rig.json"));
        File.WriteAllText(Path.Combine(rig, "sequences", Sequence + ".json"), Json(watchdogSeconds));
        return rigs;
    }

    /// <summary>The sequence itself, for a <see cref="TemporaryStation"/>'s extra sequences.</summary>
    public static string Json(int watchdogSeconds = 600) => $$"""
        {
          "sequence": "{{Sequence}}", "version": "1.0.0",
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 60 }
          ],
          "steps": [
            { "kind": "set", "parameters": { "WATCHDOG_TIMEOUT": {{watchdogSeconds}}, "SETPOINT": 300, "RAMP_RATE": 20 } },
            { "kind": "power", "label": "heater armed", "lines": { "HEATER_ARM": true } },
            { "kind": "command", "command": "HEATER_ON", "checkTiming": true },
            { "kind": "wait", "label": "hold at 300 degC", "parameter": "CONTROL_TEMP", "near": 300, "tolerance": 0.5,
              "stable": { "maxRatePerMinute": 0.1, "seconds": 600 }, "timeoutSeconds": 3600 }
          ]
        }
        """;
}
