using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// The sequence's status, what it was validated on and the kind of item run on are kept in the run's header, sealed with
/// it; an archive from before they existed migrates and its sealed runs still verify.
/// </summary>
public sealed class RunScopeArchiveTests
{
    private string _dir = null!;

    private string DbPath => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("results");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private Task<ResultsArchive> OpenAsync(CancellationToken ct) => ResultsArchive.OpenAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);

    private static async Task<string> RecordAsync(ResultsArchive archive, RunHeader header, CancellationToken ct)
    {
        await using RunRecorder r = await archive.BeginRunAsync(header, new FakeTimeProvider(), ct);
        await r.RecordValueAsync("x", 1, null, ct);
        return await r.FinishAsync(ArchivedOutcome.Passed, ct);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadRunAsync_StatusValidationAndItemKind_ReadBackAsRecorded(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);

        await RecordAsync(archive, new RunHeader
        {
            Rig = "furnace-em", Sequence = "certify", SequenceStatus = "draft", SequenceValidatedOn = ["emulator", "EM"], ItemKind = "EM",
        }, ct);

        RunHeader header = (await archive.ReadRunAsync(1, ct)).Summary.Header;
        Assert.That((header.SequenceStatus, header.ItemKind), Is.EqualTo(("draft", "EM")));
        Assert.That(header.SequenceValidatedOn, Is.EqualTo(new[] { "emulator", "EM" }));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_SequenceStatusAlteredAfterSealing_NamesTheRun(CancellationToken ct)
    {
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            await RecordAsync(archive, new RunHeader { Rig = "furnace-em", Sequence = "certify", SequenceStatus = "draft", SequenceValidatedOn = ["emulator"], ItemKind = "EM" }, ct);
        }

        await ExecuteAsync("UPDATE runs SET sequence_status = 'approved' WHERE id = 1", ct);

        await using ResultsArchive reopened = await OpenAsync(ct);
        ChainVerification result = await reopened.VerifyAsync(ct);
        Assert.That(result.FirstBrokenRun, Is.EqualTo(1), "a draft re-labelled approved after sealing");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task OpenAsync_ArchiveOfSchemaThree_MigratedItsSealedRunsStillVerifyAndSayNothing(CancellationToken ct)
    {
        string old;
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            old = await RecordAsync(archive, new RunHeader { Rig = "furnace-em", Sequence = "certify" }, ct);
        }

        // The archive as version 3 left it: no scope columns.
        await ExecuteAsync("""
            ALTER TABLE runs DROP COLUMN sequence_status; ALTER TABLE runs DROP COLUMN sequence_validated_on; ALTER TABLE runs DROP COLUMN item_kind;
            UPDATE schema_version SET version = 3;
            """, ct);

        await using ResultsArchive migrated = await OpenAsync(ct);
        RunRecord before = await migrated.ReadRunAsync(1, ct);
        await RecordAsync(migrated, new RunHeader { Rig = "furnace-em", Sequence = "certify", SequenceStatus = "approved", SequenceValidatedOn = ["FM"], ItemKind = "FM" }, ct);

        Assert.That(before.Summary.RecordHash, Is.EqualTo(old));
        Assert.That((before.Summary.Header.SequenceStatus, before.Summary.Header.SequenceValidatedOn, before.Summary.Header.ItemKind), Is.EqualTo(((string?)null, (IReadOnlyList<string>?)null, (string?)null)));
        Assert.That((await migrated.ReadRunAsync(2, ct)).Summary.Header.SequenceStatus, Is.EqualTo("approved"));
        Assert.That((await migrated.VerifyAsync(ct)).Intact, Is.True, "the old run hashes as it was sealed, the new one with its scope");
    }
}
