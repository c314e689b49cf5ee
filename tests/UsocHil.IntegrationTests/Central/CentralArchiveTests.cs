using System.Globalization;
using System.Text.Json;
using OpenQA.Selenium;
using UsocHil.IntegrationTests.Monitor;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Central;

/// <summary>
/// Two stations (two archives of engine runs on the emulated furnace, two station files) push to one real PostgreSQL
/// server on 127.0.0.1 through the real command line; psql and psycopg read what arrived; the centre is tampered with
/// and verified.
/// </summary>
public sealed class CentralArchiveTests
{
    private PostgresServer _server = null!;
    private string _dir = null!;
    private string _zurich = null!;
    private string _brussels = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        _server = await PostgresServer.StartAsync(cts.Token);
        _dir = TestDirectories.Create("central");
        _zurich = await StationAsync("zurich", "certify", runs: 2, [], cts.Token);
        _brussels = await StationAsync("brussels", "certify", runs: 1, ["stuck-tc=2"], cts.Token);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Push_TwoStations_OnceEach_PsqlAndPsycopgSeeTheStationsVerdictsAndMargins(CancellationToken ct)
    {
        string url = await DatabaseAsync("two_stations", ct);

        CliProcessResult first = await CliAsync(_zurich, ["results", "push", "--to", url], ct);
        CliProcessResult again = await CliAsync(_zurich, ["results", "push", "--to", url], ct);
        CliProcessResult other = await CliAsync(_brussels, ["results", "push", "--to", url], ct);

        Assert.That(first.ExitCode, Is.Zero, first.Describe());
        Assert.That(first.Stdout, Does.Contain("station zurich: 2 run(s) pushed"));
        Assert.That(again.Stdout, Does.Contain("station zurich: 0 run(s) pushed").And.Contain("2 already there"), again.Describe());
        Assert.That(other.Stdout, Does.Contain("station brussels: 1 run(s) pushed"), other.Describe());

        string[] expected = [.. await StationVerdictsAsync("zurich", _zurich, ct), .. await StationVerdictsAsync("brussels", _brussels, ct)];
        const string query = "SELECT station, run, name, verdict, margin FROM verdicts ORDER BY station DESC, run, time, name";
        string[] psql = [.. (await _server.PsqlAsync(query, ct, Database(url))).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Canonical)];
        Assert.That(psql, Is.EquivalentTo(expected));
        Assert.That(expected.Count(l => l.Contains("|fail|", StringComparison.Ordinal)), Is.GreaterThan(0), "brussels' stuck thermocouple failed a check");

        string psycopg = await PostgresServer.RunAsync("/usr/bin/python3", ["-c", $$"""
            import json, psycopg
            with psycopg.connect(host="127.0.0.1", port={{_server.Port}}, user="{{PostgresServer.User}}", dbname="{{Database(url)}}") as c:
                rows = c.execute("{{query}}").fetchall()
            for r in rows:
                print("|".join("" if v is None else repr(float(v)) if isinstance(v, float) else str(v) for v in r))
            """], ct);
        Assert.That(psycopg.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Canonical), Is.EquivalentTo(expected));

        CliProcessResult list = await CliAsync(_zurich, ["results", "list", "--results", url], ct);
        CliProcessResult show = await CliAsync(_zurich, ["results", "show", "3", "--results", url], ct);
        CliProcessResult verify = await CliAsync(_zurich, ["results", "verify", "--results", url], ct);
        Assert.That(list.Stdout, Does.Contain($"3 run(s) in postgres://usoc@127.0.0.1:{_server.Port}/two_stations"), list.Describe());
        Assert.That(show.Stdout, Does.StartWith("Run 3 (brussels run 1): certify on furnace-em"), show.Describe());
        Assert.That(verify.ExitCode, Is.Zero, verify.Describe());
        Assert.That(verify.Stdout, Does.Contain("3 sealed run(s) checked"));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Push_RawPackets_ArriveWholeAndAnEditedPacketIsNamed(CancellationToken ct)
    {
        string url = await DatabaseAsync("packets", ct);
        Assert.That((await CliAsync(_zurich, ["results", "push", "--to", url], ct)).ExitCode, Is.Zero);
        long stationPackets;
        await using (ResultsArchive station = await ResultsArchive.OpenReadOnlyAsync(Path.Combine(_zurich, "results.db"), TimeProvider.System, Serilog.Core.Logger.None, ct))
        {
            stationPackets = (await station.ReadRunAsync(2, ct)).Packets.Count;
        }

        string central = (await _server.PsqlAsync(
            "SELECT count(*) FROM packets p JOIN runs r ON r.id = p.run_id WHERE r.station = 'zurich' AND r.station_run_id = 2", ct, Database(url))).Trim();
        Assert.That(stationPackets, Is.GreaterThan(100), "a certify run exchanges hundreds of packets");
        Assert.That(central, Is.EqualTo(stationPackets.ToString(CultureInfo.InvariantCulture)));

        await _server.PsqlAsync("""
            UPDATE packets SET octets = octets || '\x00'::bytea WHERE id =
              (SELECT max(p.id) FROM packets p JOIN runs r ON r.id = p.run_id WHERE r.station = 'zurich' AND r.station_run_id = 2)
            """, ct, Database(url));
        CliProcessResult verify = await CliAsync(_zurich, ["results", "verify", "--results", url], ct);

        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Describe());
        Assert.That(verify.Stderr, Does.Contain("station zurich run 2").And.Contain("changed at the centre"));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Verify_OneMeasurementEditedWithPsql_NamesTheStationAndRun(CancellationToken ct)
    {
        string url = await DatabaseAsync("tampered", ct);
        Assert.That((await CliAsync(_zurich, ["results", "push", "--to", url], ct)).ExitCode, Is.Zero);
        Assert.That((await CliAsync(_brussels, ["results", "push", "--to", url], ct)).ExitCode, Is.Zero);
        Assert.That((await CliAsync(_zurich, ["results", "verify", "--results", url], ct)).ExitCode, Is.Zero, "untouched, the centre verifies");

        await _server.PsqlAsync("""
            UPDATE measurements SET value = value + 0.001 WHERE id =
              (SELECT min(m.id) FROM measurements m JOIN runs r ON r.id = m.run_id WHERE r.station = 'zurich' AND r.station_run_id = 2)
            """, ct, Database(url));
        CliProcessResult verify = await CliAsync(_zurich, ["results", "verify", "--results", url], ct);

        Assert.That(verify.ExitCode, Is.EqualTo(1), verify.Describe());
        Assert.That(verify.Stderr, Does.Contain("station zurich run 2").And.Contain("changed at the centre"));
        Assert.That(verify.Stderr, Does.Not.Contain("brussels"), "only the edited run is named");
        ReliabilityRecord.Write("tampering", "central archive: one measurement edited with psql", 1, "results verify --results postgres://… exit 1 naming station zurich run 2; the other station's run intact");
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Push_KilledWithSigkillAtAnyPoint_ThenAgain_EveryRunArrivesExactlyOnce(CancellationToken ct)
    {
        string url = await DatabaseAsync("killed", ct);
        Assert.That((await CliAsync(_zurich, ["results", "init", "--results", url], ct)).Stdout, Does.Contain("central archive ready"));
        foreach (int delay in new[] { 50, 250, 600, 1200 })
        {
            await using RunningCli push = UsocHilProcess.Start(_zurich, ["--station", StationFile(_zurich), "results", "push", "--to", url]);
            await Task.Delay(delay, ct);
            await UsocHilProcess.SignalAsync(push.Process.Id, "KILL", ct);
            await push.WaitForExitAsync(ct);
            string[] partial = (await _server.PsqlAsync("SELECT count(*), count(DISTINCT station_run_id) FROM runs", ct, Database(url))).Trim().Split('|');
            Assert.That(partial[0], Is.EqualTo(partial[1]), "no run twice, whenever the pusher died");
        }

        CliProcessResult last = await CliAsync(_zurich, ["results", "push", "--to", url], ct);
        string counts = (await _server.PsqlAsync("SELECT count(*), count(DISTINCT station_run_id) FROM runs WHERE station = 'zurich'", ct, Database(url))).Trim();

        Assert.That(last.ExitCode, Is.Zero, last.Describe());
        Assert.That(counts, Is.EqualTo("2|2"));
        Assert.That((await CliAsync(_zurich, ["results", "verify", "--results", url], ct)).ExitCode, Is.Zero, "every run whole");
        ReliabilityRecord.Write("store and forward", "results push killed with SIGKILL after 50, 250, 600, 1200 ms, then run again", 4, "every sealed run at the centre exactly once, each whole (verify passes); data lost: 0");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Push_CentreUnreachable_OneLineExitTwoNoPassword(CancellationToken ct)
    {
        CliProcessResult push = await CliAsync(_zurich, ["results", "push", "--to", "postgres://usoc:s3cret@127.0.0.1:1/usoc"], ct);

        Assert.That(push.ExitCode, Is.EqualTo(2), push.Describe());
        Assert.That(push.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), push.Describe());
        Assert.That(push.Stderr, Does.StartWith("usoc-hil results push: postgres://usoc@127.0.0.1:1/usoc:"));
        Assert.That(push.All, Does.Not.Contain("s3cret").And.Not.Contain("   at "));
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Monitor_CentralArchive_ServesTheRunsOfBothStations(CancellationToken ct)
    {
        string url = await DatabaseAsync("watched", ct);
        Assert.That((await CliAsync(_zurich, ["results", "push", "--to", url], ct)).ExitCode, Is.Zero);
        Assert.That((await CliAsync(_brussels, ["results", "push", "--to", url], ct)).ExitCode, Is.Zero);

        await using RunningCli monitor = UsocHilProcess.Start(_dir, ["monitor", "--results", url, "--listen", "127.0.0.1:0"]);
        await monitor.WaitForOutputAsync("Ctrl-C to stop", ct);
        string line = monitor.Output.Split('\n').First(l => l.StartsWith("Monitor: ", StringComparison.Ordinal)).Trim();
        string page = line["Monitor: ".Length..line.IndexOf(' ', "Monitor: ".Length)];
        using var http = new HttpClient { BaseAddress = new Uri(page) };
        using JsonDocument runs = JsonDocument.Parse(await http.GetStringAsync("api/runs", ct));
        string snapshot = await http.GetStringAsync("api/runs/3/snapshot", ct);

        string[] rigs = [.. runs.RootElement.EnumerateArray().Select(r => r.GetProperty("rig").GetString()!)];
        Assert.That(rigs, Is.EquivalentTo(new[] { "zurich/furnace-em", "zurich/furnace-em", "brussels/furnace-em" }));
        Assert.That(snapshot, Does.Contain("TC2_TEMP"), "the brussels run's judged results are served");
        Assert.That(line, Does.Contain($"archive postgres://usoc@127.0.0.1:{_server.Port}/watched"));

        using var browser = new HeadlessChromium();
        browser.Driver.Navigate().GoToUrl(new Uri(new Uri(page), "?run=3"));
        browser.Until(d => d.FindElement(By.TagName("body")).GetAttribute("data-ready") == "true", "the page took the central run's snapshot", ct);
        string[] options = [.. browser.Driver.FindElements(By.CssSelector("#runs option")).Select(o => o.GetAttribute("textContent") ?? "")];
        Assert.That(options.Count(o => o.Contains("zurich/furnace-em", StringComparison.Ordinal)), Is.EqualTo(2), string.Join(" / ", options));
        Assert.That(options.Count(o => o.Contains("brussels/furnace-em", StringComparison.Ordinal)), Is.EqualTo(1), string.Join(" / ", options));
        browser.Until(d => d.FindElements(By.CssSelector("#verdicts tbody tr")).Count > 0, "the brussels run's verdicts appeared", ct);
        string verdicts = browser.Driver.FindElement(By.CssSelector("#verdicts tbody")).Text;
        Assert.That(verdicts, Does.Contain("TC2_TEMP").And.Contain("Fail"), "brussels' stuck thermocouple is shown failed, as the station judged it");
        browser.Screenshot("monitor-central-archive");
    }

    private async Task<string> DatabaseAsync(string name, CancellationToken ct)
    {
        await _server.PsqlAsync($"CREATE DATABASE {name}", ct, "postgres");
        return $"postgres://{PostgresServer.User}@127.0.0.1:{_server.Port}/{name}";
    }

    private static string Database(string url) => url[(url.LastIndexOf('/') + 1)..];

    private async Task<string> StationAsync(string name, string sequence, int runs, string[] faults, CancellationToken ct)
    {
        string directory = Path.Combine(_dir, name);
        Directory.CreateDirectory(directory);
        await EngineArchive.CopyAsync(sequence, Path.Combine(directory, "results.db"), ct, runs, faults);
        await File.WriteAllTextAsync(StationFile(directory), $$"""{ "station": "{{name}}", "results": "results.db", "rigs": {} }""", ct);
        return directory;
    }

    private static string StationFile(string directory) => Path.Combine(directory, "rig-config.json");

    private static Task<CliProcessResult> CliAsync(string station, string[] args, CancellationToken ct) =>
        UsocHilProcess.RunAsync(station, ["--station", StationFile(station), .. args], ct);

    /// <summary>The station's own verdicts, as the centre's view lists them.</summary>
    private static async Task<string[]> StationVerdictsAsync(string station, string directory, CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(Path.Combine(directory, "results.db"), TimeProvider.System, Serilog.Core.Logger.None, ct);
        var lines = new List<string>();
        foreach (RunSummary run in await archive.ListRunsAsync(ct))
        {
            RunRecord record = await archive.ReadRunAsync(run.Id, ct);
            lines.AddRange(record.Verdicts.Select(v => Line(station, run.Id, v.Judged!)));
        }

        return [.. lines];
    }

    private static string Line(string station, long run, JudgedResult j) =>
        string.Join('|', station, run.ToString(CultureInfo.InvariantCulture), j.Expectation, j.Verdict.ToText(),
            double.IsNaN(j.Margin) ? "" : j.Margin.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>A row as psql or psycopg printed it, with its margin in the harness's shortest round-trip form.</summary>
    private static string Canonical(string row)
    {
        string[] cells = row.Split('|');
        string margin = cells[^1];
        cells[^1] = margin.Length == 0 ? "" : double.Parse(margin, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
        return string.Join('|', cells);
    }
}
