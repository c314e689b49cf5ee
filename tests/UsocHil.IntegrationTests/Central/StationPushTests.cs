using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Central;

/// <summary>
/// A station whose file names a central archive: each run needs its operator's booking of the rig, and every sealed run
/// is pushed after it; runs sealed while the centre is down wait in the station's archive and arrive with the first
/// run after it is back. The runs themselves never suffer, and a lease that lapses ends its run through safing.
/// </summary>
public sealed class StationPushTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Run_CentreDownMidRun_RunPassesAndQueues_NextRunAfterRestartPushesBoth(CancellationToken ct)
    {
        await using PostgresServer centre = await PostgresServer.StartAsync(ct);
        using TemporaryStation station = Federated(centre, "cologne");
        Assert.That((await CliAsync(station, ["reserve", "furnace-em", "--for", "2h", "--operator", "alice"], ct)).ExitCode, Is.Zero);

        CliProcessResult first = await RunAsync(station, ct);
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("1"), first.Describe());

        CliProcessResult queued = await RunAsync(station, ct, whileRunning: () => centre.StopAsync(ct));
        await centre.StartAgainAsync(ct);
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("1"), "the run sealed while the centre was down waits at the station");

        CliProcessResult third = await RunAsync(station, ct);

        Assert.That(new[] { first.ExitCode, queued.ExitCode, third.ExitCode }, Is.All.EqualTo(first.ExitCode), "the centre's outage changed no run's outcome");
        Assert.That(queued.Stdout, Does.Contain("Recorded as run 2"), queued.Describe());
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("3"), third.Describe());
        Assert.That(await centre.PsqlAsync("SELECT string_agg(station || '/' || station_run_id || '/' || operator, ',' ORDER BY station_run_id) FROM runs", ct),
            Does.Contain("cologne/1/alice,cologne/2/alice,cologne/3/alice"));
        ReliabilityRecord.Write("store and forward", "central archive stopped during a run of a station that pushes after each run", 1,
            "run unaffected; its record queued at the station and pushed after the next run once the centre was back; data lost: 0");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task Run_WithoutABooking_RefusedBeforeAnythingStarts_LeaseLapsingMidRun_Safes(CancellationToken ct)
    {
        await using PostgresServer centre = await PostgresServer.StartAsync(ct);
        using TemporaryStation station = Federated(centre, "madrid");

        CliProcessResult refused = await RunAsync(station, ct);
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Describe());
        Assert.That(refused.Stderr.Trim(), Does.StartWith("usoc-hil run: alice holds no booking of furnace-em now").And.Not.Contain("\n"));
        Assert.That(File.Exists(station.TruthFile), Is.False, "the emulator never started");

        Assert.That((await CliAsync(station, ["reserve", "furnace-em", "--for", "20s", "--operator", "alice"], ct)).ExitCode, Is.Zero);
        CliProcessResult lapsed = await RunAsync(station, ct, whileRunning: () => centre.StopAsync(ct), "--time-scale", "20");
        TruthRecord end = station.FinalTruth();

        Assert.That(lapsed.ExitCode, Is.EqualTo(130), lapsed.Describe());
        Assert.That(lapsed.Stderr, Does.Contain("the lease on furnace-em for alice lapsed"));
        Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off at the end\n" + lapsed.Describe());
        ReliabilityRecord.Write("fault injection", "rig lease lapses mid-run (central archive stopped, booking of 20 s)", 1,
            "run stopped through safing at the booking's end (exit 130), heater and supply off in the truth file; a run without a booking refused before the emulator started (exit 2)");
    }

    private static TemporaryStation Federated(PostgresServer centre, string name)
    {
        TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 1);
        station.Configure(s =>
        {
            s["station"] = name;
            s["central"] = centre.Url;
        });
        return station;
    }

    private static Task<CliProcessResult> CliAsync(TemporaryStation station, string[] args, CancellationToken ct) =>
        UsocHilProcess.RunAsync(station.Directory, ["--station", station.StationFile, .. args], ct);

    private static async Task<CliProcessResult> RunAsync(TemporaryStation station, CancellationToken ct, Func<Task>? whileRunning = null, params string[] extra)
    {
        await using RunningCli run = station.Run("certify", ["--operator", "alice", .. extra]);
        if (whileRunning is not null)
        {
            await run.WaitForOutputAsync("Running certify", ct);
            await whileRunning();
        }

        return await run.WaitForExitAsync(ct);
    }

    private static async Task<string> RunsAtCentreAsync(PostgresServer centre, CancellationToken ct)
    {
        try
        {
            return (await centre.PsqlAsync("SELECT count(*) FROM runs", ct)).Trim();
        }
        catch (InvalidOperationException e) when (e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return "0";
        }
    }
}
