using UsocHil.Cli;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Results;

/// <summary>usoc-hil results as a user runs it, against archives changed behind its back with the sqlite3 tool.</summary>
public sealed class ResultsCliTests
{
    private string _dir = null!;

    private string Db => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("it");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private Task RecordSamplesAsync(int count, CancellationToken ct) => SampleArchive.RecordAsync(Db, count, ct);

    [Test]
    [CancelAfter(180_000)]
    public async Task Verify_MeasurementAlteredWithSqlite3_ExitsOneNamingTheRun(CancellationToken ct)
    {
        await RecordSamplesAsync(3, ct);
        var (intact, intactOut, _) = await UsocHilProcess.RunAsync(null, ["results", "verify", "--results", Db], ct);
        Assert.That(intact, Is.EqualTo(ExitCodes.Passed));
        Assert.That(intactOut, Does.Contain("chain intact, 3 sealed run(s)"));

        var (sqlite, _, sqliteErr) = await PythonProcess.RunAsync("sqlite3", [Db,
            "UPDATE measurements SET value = value + 0.01 WHERE id = (SELECT min(id) FROM measurements WHERE run_id = 2 AND verdict IS NOT NULL);"], null, ct);
        Assert.That(sqlite, Is.Zero, sqliteErr);

        var (broken, _, brokenErr) = await UsocHilProcess.RunAsync(null, ["results", "verify", "--results", Db], ct);
        Assert.That(broken, Is.EqualTo(ExitCodes.VerdictFailed));
        Assert.That(brokenErr.Trim(), Does.StartWith("results verify: run 2:").And.Contain("altered"));
        Assert.That(brokenErr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AnyCommand_MissingArchive_OneLineExitTwo(CancellationToken ct)
    {
        var (exit, _, err) = await UsocHilProcess.RunAsync(null, ["results", "list", "--results", Db], ct);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(err, Does.Contain(Db).And.Contain("no results archive"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task AnyCommand_CorruptArchive_OneLineExitTwo(CancellationToken ct)
    {
        await File.WriteAllBytesAsync(Db, Enumerable.Range(0, 8192).Select(i => (byte)(i * 37)).ToArray(), ct);

        var (exit, _, err) = await UsocHilProcess.RunAsync(null, ["results", "verify", "--results", Db], ct);

        Assert.That(exit, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(err.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(err, Does.Contain(Db));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task ShowAndReport_UnknownRun_OneLineExitTwo(CancellationToken ct)
    {
        await RecordSamplesAsync(1, ct);

        var (show, _, showErr) = await UsocHilProcess.RunAsync(null, ["results", "show", "9", "--results", Db], ct);
        var (report, _, reportErr) = await UsocHilProcess.RunAsync(null, ["report", "9", "--results", Db, "--out", _dir], ct);

        Assert.That(show, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(showErr.Trim(), Does.EndWith("run 9 is not in the archive"));
        Assert.That(report, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(reportErr.Trim().Split('\n'), Has.Length.EqualTo(1));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Results_DefaultArchive_IsTheOneTheStationFileNames(CancellationToken ct)
    {
        string station = Path.Combine(_dir, "rig-config.json");
        await File.WriteAllTextAsync(station, """{ "station": "t", "results": "archive/here.db", "rigs": { "furnace-em": { "emulated": true } } }""", ct);
        await SampleArchive.RecordAsync(Path.Combine(_dir, "archive", "here.db"), 1, ct);

        var (exit, output, err) = await UsocHilProcess.RunAsync(null, ["results", "list", "--station", station], ct);

        Assert.That(exit, Is.Zero, err);
        Assert.That(output, Does.Contain("1 run(s) in " + Path.Combine(_dir, "archive", "here.db")));
    }
}
