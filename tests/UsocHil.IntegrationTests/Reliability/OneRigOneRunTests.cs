namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// One rig, one run (issue 19): two <c>usoc-hil run</c>s on the same rig of one station, both real CLI processes on the
/// emulated furnace. The second is refused before it touches anything, naming who holds the rig; the first is not
/// disturbed and passes. A lock file left by a process that is gone does not hold the rig: the lock, not the text in it, decides.
/// </summary>
public sealed class OneRigOneRunTests
{
    private const string Sequence = """
        { "sequence": "heat-to-100", "version": "1",
          "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } }, { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 } ],
          "steps": [
            { "kind": "set", "parameters": { "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 400 } },
            { "kind": "power", "lines": { "HEATER_ARM": true } },
            { "kind": "command", "command": "HEATER_ON" },
            { "kind": "wait", "label": "heating", "parameter": "CONTROL_TEMP", "above": 100, "timeoutSeconds": 1200 } ] }
        """;

    [Test]
    [CancelAfter(120_000)]
    public async Task SecondRunOnTheSameRig_RefusedBeforeAnythingIsSent_FirstPasses(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(8, timeScale: 10, extraSequences: new Dictionary<string, string> { ["heat-to-100"] = Sequence });
        string logs = Path.Combine(station.Directory, "logs");
        Directory.CreateDirectory(logs);
        File.WriteAllText(Path.Combine(logs, "furnace-em.lock"), "pid 2147483646, user nobody on host gone, since 2026-01-01T00:00:00Z, running heat-to-100\n");
        string secondTruth = Path.Combine(station.Directory, "second-truth.jsonl");

        using RunningCli first = station.Run("heat-to-100");
        await first.WaitForOutputAsync("heating", cancellationToken);
        CliProcessResult second = await UsocHilProcess.RunAsync(station.Directory, ["run", "furnace-em", "heat-to-100", "--yes", "--truth", secondTruth], cancellationToken);
        bool firstStillRunning = !first.Process.HasExited;
        CliProcessResult firstEnded = await first.WaitForExitAsync(cancellationToken);

        Assert.That(firstStillRunning, Is.True, "the second run must start while the first is heating");
        Assert.That(second.ExitCode, Is.EqualTo(2), second.Describe());
        string[] lines = second.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), second.Describe());
        Assert.That(lines[0], Does.Contain("rig furnace-em is in use").And.Contain($"pid {first.Process.Id}").And.Contain("user ").And.Contain("since "), second.Describe());
        Assert.That(second.Stdout, Does.Not.Contain("Running"), "nothing started");
        Assert.That(File.Exists(secondTruth), Is.False, "the second run's emulator never started: nothing was sent");
        Assert.That(firstEnded.ExitCode, Is.EqualTo(0), "the first run, over a stale lock file and undisturbed by the second, passes\n" + firstEnded.Describe());
        var end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)));
        ReliabilityRecord.Write("bad input", "a second `usoc-hil run` on a rig while a first is heating it (and a lock file left by a process that is gone)", 2,
            $"second refused before anything was opened: exit 2, one line ({lines[0].Replace(station.Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)}), no truth file; the stale lock file did not hold the rig; the first passed, exit 0 (before: the second's safing cut power under the first)");
    }
}
