using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Serilog;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

public sealed class ResultsArchiveTests
{
    private static readonly ILogger Log = Serilog.Core.Logger.None;
    private string _dir = null!;

    private string DbPath => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("results");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private Task<ResultsArchive> OpenAsync(CancellationToken ct) => ResultsArchive.OpenAsync(DbPath, new FakeTimeProvider(), Log, ct);

    [Test]
    [CancelAfter(30_000)]
    public async Task FinishAsync_RunsOfTwoRigs_EachChainedToItsOwnRigsPreviousRun(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        var clock = new FakeTimeProvider();
        async Task<string> Run(string rig)
        {
            await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = rig, Sequence = "certify" }, clock, ct);
            await r.RecordValueAsync("x", 1, null, ct);
            return await r.FinishAsync(ArchivedOutcome.Passed, ct);
        }

        string a1 = await Run("furnace-em");
        string b1 = await Run("camera-em");
        await Run("furnace-em");

        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(ct);
        Assert.That(runs.Select(r => r.PreviousHash), Is.EqualTo(new[] { null, null, a1 }));
        Assert.That(runs[1].RecordHash, Is.EqualTo(b1));
        Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
    }

    [TestCase("UPDATE measurements SET value = value + 0.001 WHERE id = (SELECT min(id) FROM measurements WHERE run_id = 2)", 2)]
    [TestCase("UPDATE calibrations SET coefficients = '[0.5,1.002]' WHERE run_id = 3", 3)]
    [TestCase("UPDATE telemetry SET value = 0 WHERE rowid = (SELECT min(rowid) FROM telemetry WHERE run_id = 1)", 1)]
    [TestCase("UPDATE runs SET operator = 'someone else' WHERE id = 3", 3)]
    [TestCase("DELETE FROM events WHERE run_id = 2", 2)]
    [TestCase("PRAGMA foreign_keys = OFF; DELETE FROM runs WHERE id = 2", 2)]
    [CancelAfter(60_000)]
    public async Task VerifyAsync_OneRowAltered_NamesTheRun(string tamper, long broken, CancellationToken ct)
    {
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            for (int seed = 1; seed <= 3; seed++)
            {
                await RecordSmallRunAsync(archive, seed, ct);
            }

            Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
        }

        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = tamper;
            Assert.That(await command.ExecuteNonQueryAsync(ct), Is.GreaterThan(0));
        }

        await using ResultsArchive reopened = await OpenAsync(ct);
        ChainVerification result = await reopened.VerifyAsync(ct);
        Assert.That(result.Intact, Is.False);
        Assert.That(result.FirstBrokenRun, Is.EqualTo(broken));
    }

    /// <summary>A short run with a row in every table, for tests that need several runs quickly.</summary>
    private static async Task RecordSmallRunAsync(ResultsArchive archive, int seed, CancellationToken ct)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, seed, 0, TimeSpan.Zero));
        await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify", UnitSerial = $"EM-{seed}" }, clock, ct);
        await r.RecordTransitionAsync("Idle", "Executing", "Start", ct);
        await r.RecordStepStartedAsync(0, "check", "verify", ct);
        for (int i = 0; i < 50; i++)
        {
            await r.RecordTelemetryAsync(clock.GetUtcNow().AddSeconds(i), "TC1_TEMP", 500 + (seed * 0.1) + i, ct);
        }

        await r.RecordMeasurementAsync(BandExpectation.Around("TC1 verification", "TC1_TEMP", 0, Tolerance.Exactly(0.3)).Evaluate(0.01 * seed, "K"), ct);
        await r.RecordValueAsync("reference", 500 + seed, "degC", ct);
        await r.RecordEventAsync(clock.GetUtcNow(), 1, "BOOT_COMPLETE", "info", null, ct);
        await r.RecordCommandAsync(new CommandRow { Time = clock.GetUtcNow(), Name = "HEATER_ON", Service = 8, Subtype = 1 }, ct);
        await r.RecordCalibrationAsync(new CalibrationRow { Sensor = "TC1_TEMP", Coefficients = [0.5, 1.001], Points = [new(200, 200.7, 0.01)] }, ct);
        await r.RecordStepEndedAsync(0, "passed", null, ct);
        await r.FinishAsync(ArchivedOutcome.Passed, ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task OpenAsync_RunOwnedByDeadProcess_MarkedInterruptedKeepingItsRows(CancellationToken ct)
    {
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, new FakeTimeProvider(), ct);
            await r.RecordValueAsync("before the crash", 42, "V", ct);
            await r.FlushAsync(ct);
        }

        await using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=false"))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"UPDATE runs SET owner = '{Environment.MachineName}/999999999/1'";
            await command.ExecuteNonQueryAsync(ct);
        }

        await using ResultsArchive reopened = await OpenAsync(ct);
        RunRecord run = await reopened.ReadRunAsync(1, ct);
        Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Interrupted));
        Assert.That(run.Measurements.Single().Value, Is.EqualTo(42));
        Assert.That((await reopened.VerifyAsync(ct)).Intact, Is.True);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task OpenAsync_RunOwnedByLiveProcess_LeftRunning(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, new FakeTimeProvider(), ct);
        await r.FlushAsync(ct);

        await using (ResultsArchive second = await OpenAsync(ct))
        {
            Assert.That((await second.ReadRunAsync(r.RunId, ct)).Summary.Outcome, Is.EqualTo(ArchivedOutcome.Running));
        }

        await r.DisposeAsync();
        Assert.That((await archive.ReadRunAsync(r.RunId, ct)).Summary.Outcome, Is.EqualTo(ArchivedOutcome.Interrupted));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RecordTelemetryAsync_200kSamples_AllDurableWithinFiveSecondsEvenOnABusyMachine(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "soak" }, new FakeTimeProvider(), ct);
        string[] names = ["TC1_TEMP", "TC2_TEMP", "TC3_TEMP", "CONTROL_TEMP", "HEATER_POWER", "SETPOINT", "MODE", "FAULT_FLAGS"];
        DateTimeOffset t0 = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        long start = TimeProvider.System.GetTimestamp();
        for (int i = 0; i < 200_000; i++)
        {
            await r.RecordTelemetryAsync(t0.AddMilliseconds(i), names[i & 7], i, ct);
        }

        TimeSpan enqueued = TimeProvider.System.GetElapsedTime(start);
        await r.FlushAsync(ct);
        TimeSpan elapsed = TimeProvider.System.GetElapsedTime(start);
        TestContext.Out.WriteLine($"enqueued in {enqueued.TotalMilliseconds:F0} ms");

        TestContext.Out.WriteLine($"200,000 telemetry samples durable in {elapsed.TotalMilliseconds:F0} ms ({200_000 / elapsed.TotalSeconds:F0}/s)");
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        await using var check = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        await check.OpenAsync(ct);
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT count(*) FROM telemetry";
        Assert.That(await count.ExecuteScalarAsync(ct), Is.EqualTo(200_000));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenExistingAsync_MissingFile_ThrowsNamingIt(CancellationToken ct)
    {
        var e = await Assert.ThrowsAsync<ResultsArchiveException>(() => ResultsArchive.OpenExistingAsync(DbPath, TimeProvider.System, Log, ct));
        Assert.That(e!.Message, Does.Contain(DbPath));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task OpenExistingAsync_NotADatabase_ThrowsArchiveException(CancellationToken ct)
    {
        await File.WriteAllTextAsync(DbPath, "this is not a database, just some text that is long enough to look like a header......", ct);

        var e = await Assert.ThrowsAsync<ResultsArchiveException>(() => ResultsArchive.OpenExistingAsync(DbPath, TimeProvider.System, Log, ct));
        Assert.That(e!.Path, Is.EqualTo(DbPath));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadRunAsync_UnknownRun_ThrowsNamingIt(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);

        var e = await Assert.ThrowsAsync<ResultsArchiveException>(() => archive.ReadRunAsync(77, ct));
        Assert.That(e!.Message, Does.Contain("run 77"));
    }
}
