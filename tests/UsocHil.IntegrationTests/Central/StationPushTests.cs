namespace UsocHil.IntegrationTests.Central;

/// <summary>
/// A station whose file names a central archive pushes after every run; while the centre is down its runs wait in the
/// station's archive and arrive with the first run after the centre is back. The runs themselves never suffer.
/// </summary>
[NonParallelizable]
public sealed class StationPushTests
{
    [Test]
    [CancelAfter(300_000)]
    public async Task Run_CentreDown_RunPassesAndQueues_NextRunAfterRestartPushesBoth(CancellationToken ct)
    {
        await using PostgresServer centre = await PostgresServer.StartAsync(ct);
        using TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 1);
        station.Configure(s =>
        {
            s["station"] = "cologne";
            s["central"] = centre.Url;
        });

        CliProcessResult first = await RunAsync(station, ct);
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("1"), first.Describe());

        await centre.StopAsync(ct);
        CliProcessResult queued = await RunAsync(station, ct);
        await centre.StartAgainAsync(ct);
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("1"), "the run sealed while the centre was down waits at the station");

        CliProcessResult third = await RunAsync(station, ct);

        Assert.That(new[] { first.ExitCode, queued.ExitCode, third.ExitCode }, Is.All.EqualTo(first.ExitCode), "the centre's outage changed no run's outcome");
        Assert.That(queued.Stdout, Does.Contain("Recorded as run 2"), queued.Describe());
        Assert.That(await RunsAtCentreAsync(centre, ct), Is.EqualTo("3"), third.Describe());
        Assert.That(await centre.PsqlAsync("SELECT string_agg(station || '/' || station_run_id, ',' ORDER BY station_run_id) FROM runs", ct), Does.Contain("cologne/1,cologne/2,cologne/3"));
        ReliabilityRecord.Write("store and forward", "central archive stopped during a run of a station that pushes after each run", 1,
            "run unaffected; its record queued at the station and pushed after the next run once the centre was back; data lost: 0");
    }

    private static async Task<CliProcessResult> RunAsync(TemporaryStation station, CancellationToken ct)
    {
        await using RunningCli run = station.Run("certify");
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
