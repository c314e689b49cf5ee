using System.Globalization;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// What a run does when the files it writes fail it (issue 19), through the built CLI on the emulated furnace: a
/// deleted archive stops the run (it cannot be read back), while a full log disk or a full truth file is survivable
/// and must not change a passed run's outcome or stop the emulated physics.
/// </summary>
public sealed class RecordingFaultTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task ArchiveDeletedMidRun_SafesAndExits3WithoutSayingRecorded(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(6, timeScale: 50, extraSequences: new Dictionary<string, string> { [HeatAndHoldRig.Sequence] = HeatAndHoldRig.Json() });
        string results = Path.Combine(station.Directory, "results.db");
        using RunningCli run = station.Run(HeatAndHoldRig.Sequence, "-v");
        await run.Stderr.WaitForAsync("measurement HEATER_ON completion = ", cancellationToken);

        foreach (string file in new[] { results, results + "-wal", results + "-shm" })
        {
            File.Delete(file);
        }

        CliProcessResult ended = await run.WaitForExitAsync(cancellationToken);

        Assert.That(ended.ExitCode, Is.EqualTo(3), ended.Describe());
        Assert.That(ended.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(ended.Stdout, Does.Not.Contain("Recorded as run"), ended.Describe());
        Assert.That(ended.Stderr, Does.Contain($"usoc-hil run: the results archive {results} failed"), ended.Describe());
        var end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn, end.PowerEnable), Is.EqualTo((false, false, false)), "heater, supply and POWER_EN off");
        ReliabilityRecord.Write("fault injection", "results archive deleted mid-run while heating", 1,
            "the run stopped at once (the file was gone at the next commit), rig safed (heater, supply and POWER_EN off in the truth file), exit 3 with one line naming the archive; never \"Recorded as run\" (before: exit 0, \"Recorded as run 1\")");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ArchiveLockedByAnotherProgramMidRun_SafesAndExits3(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(10, timeScale: 20, extraSequences: new Dictionary<string, string> { [HeatAndHoldRig.Sequence] = HeatAndHoldRig.Json() });
        string results = Path.Combine(station.Directory, "results.db");
        using RunningCli run = station.Run(HeatAndHoldRig.Sequence, "-v");
        await run.Stderr.WaitForAsync("measurement HEATER_ON completion = ", cancellationToken);

        // Another program (a careless sqlite3 session) takes the archive's write lock and keeps it.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={results};Pooling=False");
        await holder.OpenAsync(cancellationToken);
        await using (Microsoft.Data.Sqlite.SqliteCommand begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync(cancellationToken);
        }

        long locked = System.Diagnostics.Stopwatch.GetTimestamp();
        CliProcessResult ended = await run.WaitForExitAsync(cancellationToken);
        TimeSpan heldFor = System.Diagnostics.Stopwatch.GetElapsedTime(locked);

        Assert.That(ended.ExitCode, Is.EqualTo(3), ended.Describe());
        Assert.That(ended.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(ended.Stdout, Does.Not.Contain("Recorded as run"), ended.Describe());
        Assert.That(ended.Stderr, Does.Contain($"usoc-hil run: the results archive {results} failed"), ended.Describe());
        var end = station.FinalTruth();
        Assert.That((end.HeaterOn, end.SupplyOutputOn, end.PowerEnable), Is.EqualTo((false, false, false)), "heater, supply and POWER_EN off");
        ReliabilityRecord.Write("fault injection", "results archive's write lock held by another program mid-run while heating", 1,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the run stopped once the archive gave up waiting ({heldFor.TotalSeconds:F0} s), rig safed (heater, supply and POWER_EN off in the truth file), exit 3 with one line naming the archive; never \"Recorded as run\" (before: driven to the end unrecorded, then exit 2 or 3 with a raw exception)"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task LogDiskAndTruthFileFull_RunStillHeatsAndPasses(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(7, timeScale: 200, extraSequences: new Dictionary<string, string>
        {
            ["heat-to-60"] = """
                { "sequence": "heat-to-60", "version": "1",
                  "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } }, { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 } ],
                  "steps": [
                    { "kind": "set", "parameters": { "RAMP_RATE": 60, "WATCHDOG_TIMEOUT": 600, "SETPOINT": 400 } },
                    { "kind": "power", "lines": { "HEATER_ARM": true } },
                    { "kind": "command", "command": "HEATER_ON" },
                    { "kind": "wait", "label": "heating (only if the emulated physics runs)", "parameter": "CONTROL_TEMP", "above": 60, "timeoutSeconds": 1200 } ] }
                """,
        });
        // The log file is named by the second the run starts: every name it can take in the next minute is a link to
        // /dev/full, where every write fails with ENOSPC as on a full disk. The truth file is /dev/full itself.
        string logs = Path.Combine(station.Directory, "logs");
        Directory.CreateDirectory(logs);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        for (int s = -2; s < 60; s++)
        {
            File.CreateSymbolicLink(Path.Combine(logs, $"furnace-em-heat-to-60-{now.AddSeconds(s).ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture)}Z.clef"), "/dev/full");
        }

        CliProcessResult ended = await UsocHilProcess.RunAsync(station.Directory, ["run", "furnace-em", "heat-to-60", "--yes", "--truth", "/dev/full"], cancellationToken);

        Assert.That(ended.ExitCode, Is.EqualTo(0), ended.Describe());
        Assert.That(ended.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(ended.Stdout, Does.Contain("Recorded as run 1"), ended.Describe());
        Assert.That(Directory.GetFiles(logs, "*.clef").Where(f => new FileInfo(f).LinkTarget is null), Is.Empty, "the run logged to a full disk, not to a file of its own");
        ReliabilityRecord.Write("fault injection", "log disk and truth file full (both on /dev/full: ENOSPC on every write) during a heating run", 1,
            "the run heated to 60 °C (the emulated physics went on without its truth file) and passed, exit 0, recorded; the log's failure was survived (before: a full log disk turned a passed run into exit 3, a full truth file stopped the physics)");
    }
}
