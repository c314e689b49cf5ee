using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Faults during real runs: the built usoc-hil as a child process runs the shipped calibration on the emulated rig
/// (in-process emulator, real pty and sockets) with faults from the station binding, or is signalled mid-run. Each
/// asserts the stated outcome, no stack trace, and from the emulator's truth file that the heater and the supply are
/// off at the end.
/// </summary>
public sealed class RunFaultTests
{
    private const string Sequence = "calibrate-thermocouples";
    private const int Seed = 3;

    [Test]
    [CancelAfter(240_000)]
    public async Task Run_OnePercentCorruptionAndDrops_CompletesOrFailsCleanlyAndSafe(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, timeScale: 400, faults: ["corrupt=0.01", "drop=0.01"]);

        CliProcessResult result = await RunAsync(station, cancellationToken);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1, 3), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.Stdout, Does.Contain("Run ended"), result.Describe());
        // Dropped frames are said at the default level, rate-limited (the 1st, 10th, 100th, ...), and counted at the end.
        string[] dropWarnings = result.Stderr.Split('\n').Where(l => l.Contains("WRN Link payload dropped", StringComparison.Ordinal)).ToArray();
        Assert.That(dropWarnings, Is.Not.Empty.And.Length.LessThanOrEqualTo(12), result.Stderr);
        Assert.That(result.Stderr, Does.Not.Contain("WRN Link payload packet refused"), "not one warning per refused packet");
        Assert.That(result.Stdout, Does.Match(@"Links: .*payload \d+ frames, \d+ bad dropped"), result.Describe());
        TruthRecord end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off at the end\n" + result.Describe());
        string outcome = result.ExitCode == 0 ? "run passed: every verdict from intact frames only" : $"run failed cleanly (exit {result.ExitCode}): {result.LastLine("Run ended")}";
        if (result.Stdout.Contains("state PoweringUp -> Safing", StringComparison.Ordinal))
        {
            outcome += " (ended at power-up under load, not the whole calibration)";
        }

        ReliabilityRecord.Write("fault injection", "full calibrate-thermocouples run with 1% byte corruption + 1% byte drops on the serial payload link", 1,
            $"{outcome}; heater off, supply off in the truth file; no stack trace");
    }

    [TestCase("reboot-at=20min", "device reboot mid-sequence (volatile state lost)", new[] { 1, 3 }, "boot")]
    [TestCase("disconnect-at=20min", "payload link disconnected mid-step", new[] { 1, 3 }, "link")]
    [CancelAfter(240_000)]
    public async Task Run_InjectedFault_FailsNamingItAndEndsSafe(string fault, string what, int[] exitCodes, string named, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, timeScale: 400, faults: [fault]);

        CliProcessResult result = await RunAsync(station, cancellationToken);

        Assert.That(result.ExitCode, Is.AnyOf(exitCodes.Cast<object>().ToArray()), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(result.All, Does.Contain(named).IgnoreCase, result.Describe());
        TruthRecord end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off at the end\n" + result.Describe());
        string reached = result.Stdout.Contains("state PoweringUp -> Safing", StringComparison.Ordinal)
            ? " (under load the run ended at power-up, before the fault was due: the fault itself was not exercised)"
            : "";
        ReliabilityRecord.Write("fault injection", $"{what} (`{fault}`) during calibrate-thermocouples", 1,
            $"exit {result.ExitCode}: {result.LastLine("Run ended")}{reached}; heater off, supply off in the truth file");
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    [TestCase("HUP")]
    [TestCase("QUIT")]
    [CancelAfter(120_000)]
    public async Task Run_OperatorSignal_SafesAndExits130(string signal, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, timeScale: 50);

        CliProcessResult result = await RunAsync(station, cancellationToken, afterStart: async (process, output, ct) =>
        {
            await output.WaitForAsync("heater armed", ct);
            await TruthWatch.WaitForAsync(station.TruthFile, r => r.HeaterOn && r.HeaterPowerWatts > 0, ct);
            await UsocHilProcess.SignalAsync(process.Id, signal, ct);
        });

        Assert.That(result.ExitCode, Is.EqualTo(130), result.Describe());
        Assert.That(result.All, Does.Not.Contain("   at "));
        Assert.That(result.Stdout, Does.Contain("Aborted"), result.Describe());
        Assert.That(result.Stderr, Does.Contain($"SIG{signal}: aborting, the rig is being made safe"), result.Describe());
        TruthRecord end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off after the abort");
        ReliabilityRecord.Write("fault injection", $"operator SIG{signal} to the usoc-hil child process mid-heating", 1,
            $"signalled while the heater was on: exit 130, run {result.LastLine("Run ended")}; heater off, supply off in the truth file");
    }

    /// <summary>
    /// Signals from the moment the run has ended until its record is sealed (one after another, so several land while
    /// the record is flushed, hashed and sealed, and while the table is printed): a passed run stays passed.
    /// </summary>
    [TestCase("INT")]
    [TestCase("TERM")]
    [CancelAfter(120_000)]
    public async Task Run_SignalsWhileSealing_PassedRunStaysPassedAndSealed(string signal, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, timeScale: 200, extraSequences: new Dictionary<string, string>
        {
            ["heat-to-60"] = """
                { "sequence": "heat-to-60", "version": "1",
                  "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } }, { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 } ],
                  "steps": [
                    { "kind": "set", "parameters": { "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 400 } },
                    { "kind": "power", "lines": { "HEATER_ARM": true } },
                    { "kind": "command", "command": "HEATER_ON" },
                    { "kind": "wait", "label": "heating", "parameter": "CONTROL_TEMP", "above": 60, "timeoutSeconds": 1200 } ] }
                """,
        });
        int sent = 0;
        CliProcessResult result;
        await using (RunningCli run = station.Run("heat-to-60", "-v"))
        {
            await run.Stderr.WaitForAsync("ended Completed with outcome Passed", cancellationToken);
            Task sealedNow = run.Stderr.WaitForAsync("record hash", cancellationToken);
            while (!sealedNow.IsCompleted && !run.Process.HasExited)
            {
                await UsocHilProcess.SignalAsync(run.Process.Id, signal, cancellationToken);
                sent++;
            }

            result = await run.WaitForExitAsync(cancellationToken);
        }

        CliProcessResult show = await UsocHilProcess.RunAsync(station.Directory, ["results", "show", "1"], cancellationToken);
        CliProcessResult verify = await UsocHilProcess.RunAsync(station.Directory, ["results", "verify"], cancellationToken);
        Assert.That(sent, Is.GreaterThan(0));
        Assert.That(result.ExitCode, Is.EqualTo(0), $"{sent} signal(s) sent\n" + result.Describe());
        Assert.That(result.Stderr, Does.Contain($"SIG{signal} ignored: the run is over"), result.Describe());
        Assert.That(result.Stdout, Does.Contain("Run ended Completed (Passed)").And.Contain("Recorded as run 1"), result.Describe());
        Assert.That(show.Stdout, Does.Contain(", passed"), show.Describe());
        Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Describe());
        TruthRecord end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)));
        ReliabilityRecord.Write("fault injection", $"SIG{signal} repeated while a passed run is being sealed", sent,
            "every one refused (\"the run is over\"); the run sealed as passed, its table printed, exit 0, chain intact (before: a Ctrl-C in that second archived a passed certification as interrupted, exit 130, no table)");
    }

    private static Task<CliProcessResult> RunAsync(TemporaryStation station, CancellationToken cancellationToken,
        Func<System.Diagnostics.Process, CliOutput, CancellationToken, Task>? afterStart = null) =>
        UsocHilProcess.RunAsync(station.Directory, ["--station", station.StationFile, "run", "furnace-em", Sequence, "--yes", "--truth", station.TruthFile],
            cancellationToken, afterStart);
}
