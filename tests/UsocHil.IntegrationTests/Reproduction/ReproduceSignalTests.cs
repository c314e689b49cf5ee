using UsocHil.Cli;
using UsocHil.FirmwareSim.Truth;
using UsocHil.IntegrationTests.Reliability;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reproduction;

/// <summary>
/// Stopping a reproduction: SIGINT while the ground model heats safes it (heater and supply off in the truth file) and
/// exits 130; SIGKILL leaves an archive that verifies, with the cut-short run sealed interrupted at the next start.
/// </summary>
public sealed class ReproduceSignalTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task Reproduce_SigintSafesAndExits130_SigkillLeavesTheArchiveVerifiable(CancellationToken ct)
    {
        // 100x: the 1,500 s heat lasts 15 s of wall time, so the signal lands while the heater is on even on a loaded machine.
        using TemporaryStation ground = ReproduceFurnaceTests.Station(timeScale: 100);
        string timeline = Path.Combine(ground.Directory, "flight.json");
        using (TemporaryStation flightUnit = ReproduceFurnaceTests.Station(ReproduceFurnaceTests.Stuck))
        {
            CliProcessResult flight = await flightUnit.Run("flight").WaitForExitAsync(ct);
            Assert.That(flight.ExitCode, Is.EqualTo(ExitCodes.Passed), flight.Describe());
            string dump = Path.Combine(ground.Directory, "flight.bin");
            Assert.That((await UsocHilProcess.RunAsync(flightUnit.Directory, ["results", "packets", "1", "--out", dump], ct)).ExitCode, Is.Zero);
            CliProcessResult import = await UsocHilProcess.RunAsync(ground.Directory, ["timeline", "import", dump, "--rig", TestRigs.FurnaceName, "--out", timeline], ct);
            Assert.That(import.ExitCode, Is.Zero, import.Describe());
        }

        string[] reproduce = ["reproduce", TestRigs.FurnaceName, timeline, "--setup", "flight", "--truth", ground.TruthFile];
        await using (RunningCli interrupted = UsocHilProcess.Start(ground.Directory, reproduce))
        {
            await TruthWatch.WaitForAsync(interrupted, ground.TruthFile, r => r.HeaterOn && r.HeaterPowerWatts > 0, ct);
            await UsocHilProcess.SignalAsync(interrupted.Process.Id, "INT", ct);
            CliProcessResult result = await interrupted.WaitForExitAsync(ct);

            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Aborted), result.Describe());
            Assert.That(result.All, Does.Not.Contain("   at "));
            Assert.That(result.Stdout, Does.Not.Contain("reproduced"), "no verdict on a reproduction that was stopped");
            TruthRecord end = ground.FinalTruth();
            Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off after SIGINT\n" + result.Describe());
        }

        File.Delete(ground.TruthFile);
        await using (RunningCli killed = UsocHilProcess.Start(ground.Directory, reproduce))
        {
            await TruthWatch.WaitForAsync(killed, ground.TruthFile, r => r.HeaterOn && r.HeaterPowerWatts > 0, ct);
            killed.Process.Kill(); // SIGKILL: nothing in the harness runs after this; the payload's watchdog is what remains
            await killed.Process.WaitForExitAsync(ct);
        }

        string results = Path.Combine(ground.Directory, "results.db");
        await using (await ResultsArchive.OpenAsync(results, TimeProvider.System, Serilog.Core.Logger.None, ct))
        {
            // The next start that records into the archive finds the run cut short and seals it interrupted.
        }

        CliProcessResult verify = await UsocHilProcess.RunAsync(ground.Directory, ["results", "verify"], ct);
        Assert.That(verify.ExitCode, Is.Zero, verify.Describe());
        Assert.That(verify.Stdout, Does.Contain("chain intact"), verify.Describe());
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(results, TimeProvider.System, Serilog.Core.Logger.None, ct);
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(ct);
        Assert.That(runs.Select(r => r.Outcome), Is.EqualTo(new[] { ArchivedOutcome.Aborted, ArchivedOutcome.Interrupted }), "the SIGINT run aborted, the SIGKILL run interrupted");
        ReliabilityRecord.Write("fault injection", "SIGINT, then SIGKILL, to `usoc-hil reproduce` while the ground model heats", 2,
            "SIGINT: exit 130, heater and supply off in the truth file, no verdict printed; SIGKILL: next start seals the run interrupted, results verify: chain intact");
    }
}
