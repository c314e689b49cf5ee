using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using UsocHil.Results;
using UsocHil.Sealing;

namespace UsocHil.Tests.Results;

/// <summary>The archive's side of the anchored chain: what a new run and the recovery of cut-short runs do after tampering.</summary>
public sealed class SealedChainTests
{
    private string _dir = null!;

    private string DbPath => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("sealed");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private Task<ResultsArchive> OpenAsync(CancellationToken ct) => ResultsArchive.OpenAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);

    private static async Task<long> RecordAsync(ResultsArchive archive, CancellationToken ct)
    {
        await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, new FakeTimeProvider(), ct);
        await r.RecordValueAsync("reference", 500, "degC", ct);
        await r.FinishAsync(ArchivedOutcome.Passed, ct);
        return r.RunId;
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        c.Open();
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task FinishAsync_EachSeal_SignedAndAppendedToTheAnchor(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        await RecordAsync(archive, ct);
        await RecordAsync(archive, ct);

        IReadOnlyList<AnchorEntry?> anchor = AnchorFile.Beside(DbPath).Read();
        IReadOnlyList<RunSummary> runs = await archive.ListRunsAsync(ct);
        using SealPublicKey key = SealPublicKey.Load(Path.Combine(_dir, StationKey.DirectoryName, StationKey.PublicFileName));
        Assert.That(anchor.Select(e => (e!.Sequence, e.RunId, e.RecordHash)), Is.EqualTo(runs.Select(r => (r.SealSequence!.Value, r.Id, r.RecordHash!))));
        Assert.That(anchor.All(e => key.Verifies(e!.Statement, e.Signature)), Is.True);
        Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task BeginRunAsync_AfterTheTailWasTruncated_NeverReusesTheMissingRunsIdOrSeal(CancellationToken ct)
    {
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            await RecordAsync(archive, ct);
            await RecordAsync(archive, ct);
        }

        Sql("DELETE FROM measurements WHERE run_id = 2; DELETE FROM runs WHERE id = 2");

        await using ResultsArchive reopened = await OpenAsync(ct);
        long next = await RecordAsync(reopened, ct);
        RunSummary latest = (await reopened.ListRunsAsync(ct))[^1];
        ChainVerification verification = await reopened.VerifyAsync(ct);

        Assert.That(next, Is.EqualTo(3));
        Assert.That(latest.SealSequence, Is.EqualTo(3));
        Assert.That(verification.Damage.Select(d => d.RunId), Is.EqualTo(new[] { 2L }));
        Assert.That(verification.Reason, Does.Contain("missing from the archive"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task OpenAsync_RunTheAnchorRecordsSealedSetBackToRunning_LeftUnsealedAndReported(CancellationToken ct)
    {
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            await RecordAsync(archive, ct);
        }

        Sql("UPDATE runs SET outcome = 'running', seal_seq = NULL, record_hash = NULL, seal_signature = NULL, owner = NULL WHERE id = 1");

        await using ResultsArchive reopened = await OpenAsync(ct);
        RunSummary run = (await reopened.ListRunsAsync(ct)).Single();
        ChainVerification verification = await reopened.VerifyAsync(ct);

        Assert.That(run.Outcome, Is.EqualTo(ArchivedOutcome.Running));
        Assert.That(AnchorFile.Beside(DbPath).Read(), Has.Count.EqualTo(1));
        Assert.That(verification.Reason, Does.Contain("re-opened"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_PublicKeyGone_ArchiveExceptionNamingTheKey(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        await RecordAsync(archive, ct);
        string publicKey = Path.Combine(_dir, StationKey.DirectoryName, StationKey.PublicFileName);
        File.Delete(publicKey);

        var e = await Assert.ThrowsAsync<ResultsArchiveException>(() => archive.VerifyAsync(ct));

        Assert.That(e!.Path, Is.EqualTo(publicKey));
        Assert.That(e.Message, Does.Contain("no public key"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_AnchorLineEdited_ReportedAsAnEditedAnchor(CancellationToken ct)
    {
        await using ResultsArchive archive = await OpenAsync(ct);
        await RecordAsync(archive, ct);
        string anchor = DbPath + ".anchor";
        AnchorEntry entry = AnchorFile.Beside(DbPath).Read().Single()!;
        File.WriteAllText(anchor, (entry with { RecordHash = new string('0', 64) }).ToLine() + "\n");

        ChainVerification verification = await archive.VerifyAsync(ct);

        Assert.That(verification.Reason, Does.Contain("the anchor was edited"));
    }
}
