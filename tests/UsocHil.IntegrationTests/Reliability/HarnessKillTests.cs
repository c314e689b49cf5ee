using System.Globalization;
using System.Text.RegularExpressions;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The harness killed with SIGKILL while the heater is on (issue 10): no handler, no finally, no safing runs in the
/// harness. The emulated payload runs in its own process (<c>usoc-hil emulate</c>), bound like hardware, so it
/// outlives the harness: its watchdog must switch the heater off within WATCHDOG_TIMEOUT of the last telecommand,
/// and the next start of usoc-hil must find the archive intact with the run marked interrupted.
/// </summary>
[NonParallelizable]
public sealed partial class HarnessKillTests
{
    private const double EmulatorTimeScale = 10;

    // Rig seconds. The harness feeds the watchdog every 5 s of its own (wall) time, 50 s of the emulator's at 10x.
    private const int WatchdogSeconds = 100;

    [Test]
    [CancelAfter(150_000)]
    public async Task Sigkill_WhileHeating_WatchdogSafesHeaterAndNextStartFindsRunInterrupted(CancellationToken cancellationToken)
    {
        string directory = TestDirectories.Create("kill");
        string rigs = WriteRig(directory);
        string station = Path.Combine(directory, "rig-config.json");
        string results = Path.Combine(directory, "results.db");
        try
        {
            await using EmulatorChild emulator = await EmulatorChild.StartAsync(directory, EmulatorTimeScale, Path.Combine(directory, "truth.jsonl"), cancellationToken);
            emulator.WriteStation(station, rigs, results, Path.Combine(directory, "logs"));

            TruthRecord heating, killed, off;
            int exitCode;
            List<(string Name, string Value)> logged;
            string shownOnScreen;
            // -v: the archive writer's "recorded" lines are Information, which a run shows only in its log file unless asked.
            await using (RunningCli harness = UsocHilProcess.Start(directory, ["--station", station, "run", "furnace-em", "heat-and-hold", "--yes", "-v"]))
            {
                heating = await TruthWatch.WaitForAsync(harness, emulator.TruthFile, r => r.HeaterOn && r.HeaterPowerWatts > 0, cancellationToken);
                // The archive commits rows in order, after the fact: once the writer says the measurement that follows
                // HEATER_ON is committed, so is everything before it. Rows still queued at a SIGKILL are lost by design.
                await harness.Stderr.WaitForAsync("measurement HEATER_ON completion = ", cancellationToken);
                Assert.That(harness.Process.HasExited, Is.False, "the run must still be going when it is killed\n" + harness.Stderr.Text);
                harness.Process.Kill(); // SIGKILL: nothing in the harness runs after this
                CliProcessResult ended = await harness.WaitForExitAsync(cancellationToken);
                exitCode = ended.ExitCode;
                logged = RecordedLine().Matches(ended.Stderr).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
                shownOnScreen = ended.Stderr;
                killed = TruthWatch.Last(emulator.TruthFile);
            }

            Assert.That(exitCode, Is.EqualTo(137), "killed by SIGKILL");
            // The log file is written in the background, but a line is shown only once the file has it: every line the
            // operator saw before the kill is in the run's CLEF file.
            string clef = Directory.GetFiles(Path.Combine(directory, "logs"), "*.clef").Single();
            IReadOnlyList<string> missing = ShownLogLines.MissingFrom(clef, shownOnScreen, out int shown);
            Assert.That(shown, Is.GreaterThan(10), "the run showed its log lines (-v)\n" + shownOnScreen);
            Assert.That(missing, Is.Empty, $"of {shown} lines shown before the kill, these are not in {Path.GetFileName(clef)}");
            Assert.That(killed.HeaterOn, Is.True, "the heater is still on once the harness is gone: nobody safed it");
            off = await TruthWatch.WaitForAsync(emulator.TruthFile, r => r.RigSeconds > killed.RigSeconds && !r.HeaterOn, cancellationToken);
            double afterKill = off.RigSeconds - killed.RigSeconds;
            double unattendedWatts = TruthWriter.ReadAll(emulator.TruthFile).Where(r => r.RigSeconds >= killed.RigSeconds && r.RigSeconds < off.RigSeconds).Max(r => r.HeaterPowerWatts);

            Assert.That(unattendedWatts, Is.GreaterThan(0), "the heater kept heating with the harness gone");
            Assert.That(off.WatchdogExpired, Is.True, "switched off by the payload's watchdog");
            Assert.That(off.Mode, Is.EqualTo("Idle"));
            // The last truth record read after the kill may be a tick or two behind it (one record per rig second, and
            // the emulator's timer catches up in steps under load): 5 s of rig time allowed for that, 5% of the timeout.
            Assert.That(afterKill, Is.LessThanOrEqualTo(WatchdogSeconds + 5), "within WATCHDOG_TIMEOUT of the last telecommand, which came before the kill");

            // The next start that records into the archive finds the run cut short and seals it interrupted (reading
            // it with results show or verify never writes it).
            await using (await ResultsArchive.OpenAsync(results, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken))
            {
            }

            CliProcessResult show = await UsocHilProcess.RunAsync(directory, ["--station", station, "results", "show", "1"], cancellationToken);
            CliProcessResult verify = await UsocHilProcess.RunAsync(directory, ["--station", station, "results", "verify"], cancellationToken);
            Assert.That(show.ExitCode, Is.EqualTo(0), show.Describe());
            Assert.That(show.Stdout, Does.Contain("interrupted"), show.Describe());
            Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Describe());
            Assert.That(verify.Stdout, Does.Contain("chain intact"));
            await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(results, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken);
            RunRecord run = await archive.ReadRunAsync(1, cancellationToken);
            Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Interrupted));
            Assert.That(run.Commands.Select(c => c.Name), Does.Contain("HEATER_ON"), "committed before the measurement that followed it");
            Assert.That(run.Telemetry, Is.Not.Empty);
            var stored = run.Measurements.Select(m => (m.Name, m.Value.ToString(CultureInfo.InvariantCulture))).ToList();
            int lost = logged.Count(l => !stored.Remove(l));
            Assert.That(logged, Is.Not.Empty);
            Assert.That(lost, Is.Zero, "every measurement the harness logged as recorded before the kill is in the archive");
            ReliabilityRecord.Write("fault injection", "harness killed with SIGKILL while the heater is on (emulator in its own process, `usoc-hil emulate`, bound as hardware)", 1,
                string.Create(CultureInfo.InvariantCulture,
                    $"exit 137; heater on at the kill (rig t={killed.RigSeconds:F0} s) and heating unattended (up to {unattendedWatts:F0} W); the payload's watchdog switched it off {afterKill:F0} s of rig time later (WATCHDOG_TIMEOUT {WatchdogSeconds} s, WATCHDOG_EXPIRED set, mode Idle); next start: run 1 interrupted, chain intact, all {logged.Count} measurements logged as recorded present, all {shown} log lines shown before the kill in the log file, {run.Commands.Count} command(s) and {run.Telemetry.Count} telemetry samples kept"), lost);
            TestContext.Out.WriteLine($"heating from rig t={heating.RigSeconds:F1} s, killed at {killed.RigSeconds:F1} s, off at {off.RigSeconds:F1} s");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GeneratedRegex(@"Run \d+: measurement (.+) = (\S+) recorded")]
    private static partial Regex RecordedLine();

    /// <summary>furnace-em's rig.json and a sequence that heats toward 300 °C and holds for longer than the test lasts.</summary>
    private static string WriteRig(string directory)
    {
        string rigs = Path.Combine(directory, "rigs");
        string rig = Path.Combine(rigs, "furnace-em");
        Directory.CreateDirectory(Path.Combine(rig, "sequences"));
        File.Copy(TestRigs.FurnaceFile, Path.Combine(rig, "rig.json"));
        File.WriteAllText(Path.Combine(rig, "sequences", "heat-and-hold.json"), $$"""
            {
              "sequence": "heat-and-hold", "version": "1.0.0",
              "powerUp": [
                { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
                { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 60 }
              ],
              "steps": [
                { "kind": "set", "parameters": { "WATCHDOG_TIMEOUT": {{WatchdogSeconds}}, "SETPOINT": 300, "RAMP_RATE": 20 } },
                { "kind": "power", "label": "heater armed", "lines": { "HEATER_ARM": true } },
                { "kind": "command", "command": "HEATER_ON", "checkTiming": true },
                { "kind": "wait", "label": "hold at 300 degC (the harness is killed here)", "parameter": "CONTROL_TEMP", "near": 300, "tolerance": 0.5,
                  "stable": { "maxRatePerMinute": 0.1, "seconds": 600 }, "timeoutSeconds": 3600 }
              ]
            }
            """);
        return rigs;
    }
}
