using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The archive's disk fills while the heater is on (issue 19). The disk is filled without root, as on any CI machine:
/// once the run is heating, the harness process gets a file-size limit (prlimit) no bigger than its archive files are
/// now, with SIGXFSZ ignored, so every write that would grow them fails with EFBIG as on a full disk. The emulated
/// payload runs in a process of its own (<c>usoc-hil emulate</c>, bound as hardware) so its truth file is not limited.
/// </summary>
public sealed partial class ArchiveFullTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task DiskFullMidRun_SafesTheRigFirstExits3AndKeepsEveryRowWrittenBefore(CancellationToken cancellationToken)
    {
        string directory = TestDirectories.Create("disk-full");
        string station = Path.Combine(directory, "rig-config.json");
        string results = Path.Combine(directory, "results.db");
        try
        {
            await using EmulatorChild emulator = await EmulatorChild.StartAsync(directory, timeScale: 10, Path.Combine(directory, "truth.jsonl"), cancellationToken);
            emulator.WriteStation(station, HeatAndHoldRig.Write(directory), results, Path.Combine(directory, "logs"));

            ProcessStartInfo start = UsocHilProcess.StartInfo(["--station", station, "-v", "run", "furnace-em", HeatAndHoldRig.Sequence, "--yes"], directory);
            start.ArgumentList.Insert(0, "--ignore-signal=XFSZ");
            CliProcessResult ended;
            long limit;
            await using (var harness = new RunningCli(Process.Start(start)!))
            {
                await TruthWatch.WaitForAsync(harness, emulator.TruthFile, r => r.HeaterOn && r.HeaterPowerWatts > 0, cancellationToken);
                await harness.Stderr.WaitForAsync("measurement HEATER_ON completion = ", cancellationToken);
                Assert.That(harness.Process.HasExited, Is.False, "the run must still be heating when the disk fills\n" + harness.Error);
                limit = new[] { results, results + "-wal" }.Where(File.Exists).Max(f => new FileInfo(f).Length);
                await LimitFileSizeAsync(harness.Process.Id, limit, cancellationToken);
                ended = await harness.WaitForExitAsync(cancellationToken);
            }

            TruthRecord last = TruthWatch.Last(emulator.TruthFile);
            Assert.That(ended.ExitCode, Is.EqualTo(3), ended.Describe());
            Assert.That(ended.All, Does.Not.Contain("   at "), "no stack trace");
            string line = ended.Stderr.Split('\n').Single(l => l.StartsWith("usoc-hil run: the results archive", StringComparison.Ordinal));
            TestContext.Out.WriteLine($"limit {limit} bytes; {line}");
            Assert.That(line, Does.Contain(results), "the one line names the archive");
            Assert.That(ended.Stdout, Does.Not.Contain("Recorded as run"), ended.Describe());
            Assert.That(ended.Stdout, Does.Contain("Safing (OperatorAbort)"), "the run was stopped and safed\n" + ended.Describe());
            Assert.That((last.HeaterOn, last.SupplyOutputOn, last.PowerEnable), Is.EqualTo((false, false, false)), "heater, supply and POWER_EN off when the harness is gone");
            Assert.That(last.WatchdogExpired, Is.False, "safed by the harness, not by the payload's watchdog");

            var logged = RecordedLine().Matches(ended.Stderr).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
            await using (ResultsArchive next = await ResultsArchive.OpenAsync(results, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken))
            {
                // The next recording start finds the run cut short and seals it as interrupted, keeping what it has.
                RunRecord run = await next.ReadRunAsync(1, cancellationToken);
                var stored = run.Measurements.Select(m => (m.Name, m.Value.ToString(CultureInfo.InvariantCulture))).ToList();
                int lost = logged.Count(l => !stored.Remove(l));
                Assert.That(logged, Is.Not.Empty);
                Assert.That(lost, Is.Zero, "every measurement the harness logged as recorded before the disk filled is in the archive");
                Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Interrupted));
                Assert.That(run.Commands.Select(c => c.Name), Does.Contain("HEATER_ON"));

                CliProcessResult verify = await UsocHilProcess.RunAsync(directory, ["--station", station, "results", "verify"], cancellationToken);
                Assert.That(verify.ExitCode, Is.EqualTo(0), verify.Describe());
                Assert.That(verify.Stdout, Does.Contain("chain intact"));
                ReliabilityRecord.Write("fault injection", "results archive's disk full mid-run while heating (file-size limit on the harness, EFBIG on every write that grows the archive)", 1,
                    $"the run stopped at once, the rig safed first (heater, supply and POWER_EN off in the truth file, watchdog not needed), exit 3 with one line naming the archive; all {logged.Count} measurements logged as recorded before are in it with {run.Commands.Count} command(s) and {run.Telemetry.Count} telemetry samples; next start seals it interrupted, chain intact; never \"Recorded as run\"",
                    lost);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>prlimit(1) on the running harness: as on a full disk, no file of it may grow past <paramref name="bytes"/>.</summary>
    private static async Task LimitFileSizeAsync(int pid, long bytes, CancellationToken cancellationToken)
    {
        using Process prlimit = Process.Start("prlimit", ["--pid", pid.ToString(CultureInfo.InvariantCulture), $"--fsize={bytes}"])!;
        await prlimit.WaitForExitAsync(cancellationToken);
        Assert.That(prlimit.ExitCode, Is.Zero, "prlimit failed");
    }

    [GeneratedRegex(@"Run \d+: measurement (.+) = (\S+) recorded")]
    private static partial Regex RecordedLine();
}
