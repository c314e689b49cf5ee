using Serilog.Core;
using UsocHil.Central;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Central;

/// <summary>
/// A station offers the centre every parameter name its archive knows, not only the pushed run's: the centre must
/// still gain exactly the run's names, keep the names it had, and hold the run's rows (encoded for COPY by the harness)
/// under the right names, times and values.
/// </summary>
public sealed class CentralParameterNamesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private PostgresServer _server = null!;
    private string _dir = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        _server = await PostgresServer.StartAsync(cts.Token);
        _dir = TestDirectories.Create("central-names");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Accept_StationKnowsNamesTheRunDoesNotUse_CentreGainsOnlyTheRunsNames(CancellationToken ct)
    {
        await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(_server.Url), TimeProvider.System, create: true, ct);
        await using ResultsArchive other = await ResultsArchive.OpenAsync(Path.Combine(_dir, "other.db"), TimeProvider.System, Logger.None, ct);
        await using ResultsArchive station = await ResultsArchive.OpenAsync(Path.Combine(_dir, "station.db"), TimeProvider.System, Logger.None, ct);
        long otherRun = await RecordAsync(other, ["SUPPLY_V"], ct);
        long first = await RecordAsync(station, ["TC1_TEMP", "HEATER_POWER", "TC1_TEMP"], ct);
        long second = await RecordAsync(station, ["SUPPLY_V", "MODE"], ct);

        await AcceptAsync(other, "other", otherRun, centre, ct);
        await AcceptAsync(station, "station", first, centre, ct);
        string afterFirst = await PsqlAsync("SELECT string_agg(name, ',' ORDER BY name) FROM parameter_names", ct);
        await AcceptAsync(station, "station", second, centre, ct);

        Assert.That(afterFirst, Is.EqualTo("HEATER_POWER,SUPPLY_V,TC1_TEMP"), "MODE, known to the station but not used by its first run, is not at the centre");
        Assert.That(await PsqlAsync("SELECT string_agg(name, ',' ORDER BY name) FROM parameter_names", ct), Is.EqualTo("HEATER_POWER,MODE,SUPPLY_V,TC1_TEMP"));
        Assert.That(await RowsAsync("station", first, ct), Is.EqualTo($"TC1_TEMP=0.5@{Us(0)},HEATER_POWER=1.5@{Us(1)},TC1_TEMP=null@{Us(2)}"));
        Assert.That(await RowsAsync("station", second, ct), Is.EqualTo($"SUPPLY_V=0.5@{Us(0)},MODE=null@{Us(1)}"));
        Assert.That(await RowsAsync("other", otherRun, ct), Is.EqualTo($"SUPPLY_V=null@{Us(0)}"));
        Assert.That(await centre.VerifyEveryRunAsync(ct), Is.Empty, "every run's seal recomputes at the centre");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Accept_StationReadFailsMidCopy_CentreKeepsNeitherTheRunNorItsNames(CancellationToken ct)
    {
        await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(_server.Url), TimeProvider.System, create: true, ct);
        await using ResultsArchive station = await ResultsArchive.OpenAsync(Path.Combine(_dir, "failing.db"), TimeProvider.System, Logger.None, ct);
        long run = await RecordAsync(station, [.. Enumerable.Range(0, 5000).Select(i => $"FAILING_{i % 7}")], ct);
        string namesBefore = await PsqlAsync("SELECT count(*) FROM parameter_names", ct);

        Task push = station.CopyRunAsync(run, (record, telemetry, token) =>
            centre.AcceptAsync("failing", record, telemetry with { Rows = FailAfter(telemetry.Rows, 4000) }, token), ct);

        Assert.That(async () => await push, Throws.InvalidOperationException.With.Message.EqualTo("station read failed"));
        Assert.That(await PsqlAsync("SELECT count(*) FROM runs WHERE station = 'failing'", ct), Is.EqualTo("0"));
        Assert.That(await PsqlAsync("SELECT count(*) FROM parameter_names", ct), Is.EqualTo(namesBefore));
        Assert.That(await PsqlAsync("SELECT count(*) FROM telemetry t LEFT JOIN runs r ON r.id = t.run_id WHERE r.id IS NULL", ct), Is.EqualTo("0"));
    }

    private static IEnumerable<TelemetryRow> FailAfter(IEnumerable<TelemetryRow> rows, int count)
    {
        foreach (TelemetryRow row in rows.Take(count))
        {
            yield return row;
        }

        throw new InvalidOperationException("station read failed");
    }

    private static async Task<long> RecordAsync(ResultsArchive archive, string[] parameters, CancellationToken ct)
    {
        await using RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "names" }, TimeProvider.System, ct);
        for (int i = 0; i < parameters.Length; i++)
        {
            // The last sample has no value (NaN at the station, NULL at the centre).
            await recorder.RecordTelemetryAsync(T0.AddSeconds(i).AddTicks(10), parameters[i], i == parameters.Length - 1 ? double.NaN : i + 0.5, ct);
        }

        await recorder.FinishAsync(ArchivedOutcome.Passed, ct);
        return (await archive.ListRunsAsync(ct)).Max(r => r.Id);
    }

    private static long Us(int second) => (T0.AddSeconds(second) - DateTimeOffset.UnixEpoch).Ticks / 10 + 1;

    private static Task AcceptAsync(ResultsArchive archive, string station, long runId, CentralArchive centre, CancellationToken ct) =>
        archive.CopyRunAsync(runId, async (record, telemetry, token) => Assert.That(await centre.AcceptAsync(station, record, telemetry, token), Is.True), ct);

    private Task<string> RowsAsync(string station, long runId, CancellationToken ct) => PsqlAsync($"""
        SELECT string_agg(p.name || '=' || coalesce(t.value::text, 'null') || '@' || t.time_us, ',' ORDER BY t.seq)
        FROM telemetry t JOIN parameter_names p ON p.id = t.parameter_id JOIN runs r ON r.id = t.run_id
        WHERE r.station = '{station}' AND r.station_run_id = {runId}
        """, ct);

    private async Task<string> PsqlAsync(string sql, CancellationToken ct) => (await _server.PsqlAsync(sql, ct)).Trim();
}
