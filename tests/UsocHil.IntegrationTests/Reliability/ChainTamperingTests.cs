using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using UsocHil.Cli;
using UsocHil.IntegrationTests.Support;
using UsocHil.Results;
using UsocHil.Sealing;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// An archive of three engine runs (certify on the emulated furnace), tampered with as a careful forger would, then
/// checked by <c>usoc-hil results verify</c> as a user runs it: every damaged run named on its own line, exit 1, and
/// the archive file byte for byte as it was.
/// </summary>
public sealed class ChainTamperingTests
{
    private const int Runs = 3;
    private static readonly string[] RowTables = ["transitions", "steps", "measurements", "telemetry", "events", "commands", "calibrations"];

    private string _dir = null!;

    private string Db => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("chain");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_EngineArchiveUntouched_IntactAndBytesUnchanged(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);

        CliProcessResult result = await VerifyAsync([], ct);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Describe());
        Assert.That(result.Stdout, Does.Contain($"chain intact, {Runs} sealed run(s)"));
        Assert.That(File.ReadAllLines(Db + ".anchor"), Has.Length.EqualTo(Runs));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_TailTruncated_NamesTheMissingRun(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await SqlAsync(DeleteRun(3), ct);

        CliProcessResult result = await VerifyAsync([], ct);

        AssertDamaged(result, new() { [3] = "missing from the archive: the archive's tail was truncated" });
        Record("tail truncated: the last sealed run deleted with sqlite3", result);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_AllRunsDeleted_NamesEveryRun(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await SqlAsync(string.Concat(Enumerable.Range(1, Runs).Select(DeleteRun)), ct);

        CliProcessResult result = await VerifyAsync([], ct);

        AssertDamaged(result, Enumerable.Range(1, Runs).ToDictionary(r => (long)r, _ => "missing from the archive: the archive was emptied"));
        Record("every run deleted with sqlite3 (an empty, well-formed archive)", result);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_ForgedVerdictRehashedConsistentlyWithoutTheKey_SignaturesAndAnchorDisagree(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await using (var c = new SqliteConnection($"Data Source={Db};Pooling=false"))
        {
            await c.OpenAsync(ct);
            Assert.That(Execute(c, """
                UPDATE measurements SET verdict = 'pass', margin = abs(margin), value = value + 1
                WHERE id = (SELECT min(id) FROM measurements WHERE run_id = 2 AND verdict IS NOT NULL);
                UPDATE runs SET outcome = 'passed' WHERE id = 2;
                """), Is.EqualTo(2));
            // The published algorithm, as anyone with the source can run it: every later hash and link made consistent.
            string? previous = (string?)Scalar(c, "SELECT record_hash FROM runs WHERE id = 1");
            for (long run = 2; run <= Runs; run++)
            {
                Execute(c, $"UPDATE runs SET previous_hash = '{previous}' WHERE id = {run}");
                previous = RunRecordReader.Hash(c, null, run);
                Execute(c, $"UPDATE runs SET record_hash = '{previous}' WHERE id = {run}");
            }
        }

        CliProcessResult result = await VerifyAsync([], ct);

        AssertDamaged(result, new()
        {
            [2] = "signature does not verify against the station's public key: re-sealed without the station's key",
            [3] = "signature does not verify",
        });
        Assert.That(result.Stderr, Does.Contain("rewritten").And.Not.Contain("hash mismatch").And.Not.Contain("previous-run hash"));
        Record("forged verdict with every later hash and link recomputed by the published algorithm (no key)", result);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_ForgedRunSetBackToRunning_ReportedReopenedAndNeverResealed(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await SqlAsync("""
            UPDATE measurements SET verdict = 'pass', margin = abs(margin) WHERE run_id = 3;
            UPDATE runs SET outcome = 'running', seal_seq = NULL, record_hash = NULL, previous_hash = NULL, seal_signature = NULL, owner = NULL, ended_rig = NULL, ended_wall = NULL WHERE id = 3;
            """, ct);

        CliProcessResult first = await VerifyAsync([], ct);
        AssertDamaged(first, new() { [3] = "the archive has it unsealed (running): re-opened" });

        // The next run at the station opens the archive for writing: it must not seal the forged run as its own.
        await RecordOneRunAsync(ct);
        CliProcessResult after = await VerifyAsync([], ct);

        AssertDamaged(after, new() { [3] = "re-opened" });
        Assert.That(Scalar(Db, "SELECT outcome FROM runs WHERE id = 3"), Is.EqualTo("running"));
        Record("forged run set back to running, then the next run opened the archive", after);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_RowsPlantedForAFutureRun_ReportedAndNeverSealedIntoTheNextRun(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await SqlAsync("""
            INSERT INTO measurements(run_id, time, name, value, unit, expectation, verdict, margin, message)
                VALUES (4, '2026-12-05T00:00:00.000000Z', 'thermocouples-agree', 0.1, 'K', 'thermocouples-agree', 'pass', 0.2, 'planted');
            INSERT INTO telemetry(run_id, time_us, parameter_id, value) VALUES (4, 0, 1, 500), (4, 1000, 1, 500);
            """, ct);

        CliProcessResult first = await VerifyAsync([], ct);
        AssertDamaged(first, new() { [4] = "3 row(s) in measurements, telemetry belong to no run in the archive: planted for a future run" });

        long next = await RecordOneRunAsync(ct);
        Assert.That(next, Is.EqualTo(5), "the next run skips the id the rows were planted for");
        Assert.That(Scalar(Db, "SELECT count(*) FROM measurements WHERE run_id = 5 AND message = 'planted'"), Is.EqualTo(0L));
        CliProcessResult after = await VerifyAsync([], ct);

        AssertDamaged(after, new() { [4] = "planted" });
        Record("rows planted for the next run id, then a run recorded", after);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_BreakFollowedByLaterEdits_ListsEveryDamagedRun(CancellationToken ct)
    {
        await EngineArchive.CopyAsync("certify", Db, ct, Runs);
        await SqlAsync("""
            UPDATE measurements SET value = value + 0.01 WHERE id = (SELECT min(id) FROM measurements WHERE run_id = 1 AND verdict IS NOT NULL);
            DELETE FROM events WHERE run_id = 3;
            """, ct);

        CliProcessResult result = await VerifyAsync([], ct);

        AssertDamaged(result, new()
        {
            [1] = "its record was altered after it was sealed (hash mismatch)",
            [3] = "its record was altered after it was sealed (hash mismatch)",
        });
        Record("a measurement of run 1 altered and the events of run 3 deleted (a break followed by later edits)", result);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task Verify_ReceivedArchive_CheckedAgainstTheAnchorAndPublicKeyNamed(CancellationToken ct)
    {
        string sent = Path.Combine(_dir, "sent", "results.db");
        await EngineArchive.CopyAsync("certify", sent, ct, Runs);
        string received = Path.Combine(_dir, "received");
        Directory.CreateDirectory(received);
        File.Copy(sent, Db);
        string anchor = Path.Combine(received, "anchor.jsonl"), key = Path.Combine(received, "station.pub.pem");
        File.Copy(sent + ".anchor", anchor);
        File.Copy(Path.Combine(_dir, "sent", StationKey.DirectoryName, StationKey.PublicFileName), key);

        CliProcessResult named = await VerifyAsync(["--anchor", anchor, "--public-key", key], ct);
        CliProcessResult noKey = await VerifyAsync(["--anchor", anchor], ct);
        using (StationKey other = StationKey.LoadOrCreate(Path.Combine(_dir, "another-station")))
        {
            CliProcessResult wrongKey = await VerifyAsync(["--anchor", anchor, "--public-key", other.PublicKeyPath], ct);
            AssertDamaged(wrongKey, Enumerable.Range(1, Runs).ToDictionary(r => (long)r, _ => "signature does not verify"));
        }

        Assert.That(named.ExitCode, Is.EqualTo(ExitCodes.Passed), named.Describe());
        Assert.That(named.Stdout, Does.Contain($"chain intact, {Runs} sealed run(s)").And.Contain(anchor));
        Assert.That(noKey.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration), noKey.Describe());
        Assert.That(noKey.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(noKey.Stderr, Does.Contain(Path.Combine(_dir, StationKey.DirectoryName, StationKey.PublicFileName)).And.Contain("no public key"));
    }

    /// <summary>Runs verify through the real CLI and checks it left the archive's bytes as they were.</summary>
    private async Task<CliProcessResult> VerifyAsync(string[] extra, CancellationToken ct)
    {
        byte[] before = SHA256.HashData(await File.ReadAllBytesAsync(Db, ct));
        CliProcessResult result = await UsocHilProcess.RunAsync(null, ["results", "verify", "--results", Db, .. extra], ct);
        Assert.That(SHA256.HashData(await File.ReadAllBytesAsync(Db, ct)), Is.EqualTo(before), "verify left the archive's bytes unchanged");
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        return result;
    }

    /// <summary>Exit 1, exactly one line per damaged run, each naming the run and what is wrong.</summary>
    private static void AssertDamaged(CliProcessResult result, Dictionary<long, string> expected)
    {
        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.VerdictFailed), result.Describe());
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(expected.Count), result.Describe());
        foreach ((long run, string what) in expected)
        {
            Assert.That(lines.Count(l => l.StartsWith($"results verify: run {run}: ", StringComparison.Ordinal) && l.Contains(what, StringComparison.Ordinal)), Is.EqualTo(1),
                $"one line for run {run} saying '{what}':\n{result.Stderr}");
        }
    }

    private static void Record(string what, CliProcessResult result)
    {
        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ReliabilityRecord.Write("security", $"archive tampering after {Runs} engine runs: {what}", 1,
            $"results verify exit {result.ExitCode}, {lines.Length} line(s), first: {lines[0]}; archive bytes unchanged by verify");
    }

    /// <summary>The next run as the station records it: the archive opened for writing (recovering what it finds), one run sealed.</summary>
    private async Task<long> RecordOneRunAsync(CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(Db, TimeProvider.System, Serilog.Core.Logger.None, ct);
        await using RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = TestRigs.FurnaceName, Sequence = "certify" }, new FakeTimeProvider(), ct);
        await recorder.RecordValueAsync("reference", 500, "degC", ct);
        await recorder.FinishAsync(ArchivedOutcome.Passed, ct);
        return recorder.RunId;
    }

    private static string DeleteRun(int run) =>
        string.Concat(RowTables.Select(t => $"DELETE FROM {t} WHERE run_id = {run}; ")) + $"DELETE FROM runs WHERE id = {run}; ";

    private async Task SqlAsync(string sql, CancellationToken ct)
    {
        var (exit, _, error) = await PythonProcess.RunAsync("sqlite3", [Db, sql], null, ct);
        Assert.That(exit, Is.Zero, error);
    }

    private static int Execute(SqliteConnection c, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static object? Scalar(string db, string sql)
    {
        using var c = new SqliteConnection($"Data Source={db};Pooling=false;Mode=ReadOnly");
        c.Open();
        return Scalar(c, sql);
    }
}
