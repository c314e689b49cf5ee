using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using UsocHil.Results;
using UsocHil.Rigs;

namespace UsocHil.Tests.Results;

/// <summary>The raw packet archive: packets kept octet for octet with their headers' facts, sealed into the run's hash.</summary>
public sealed class PacketArchiveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private string _dir = null!;

    private string DbPath => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("packets");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private static PacketRow[] Packets() =>
    [
        new(T0, null, PacketDirection.Out, 0x64, 1, true, [0x18, 0x64, 0xC0, 0x01, 0x00, 0x01, 0xAB, 0xCD]),
        new(T0.AddSeconds(1), T0.AddSeconds(0.75), PacketDirection.In, 0x64, 7, true, [0x08, 0x64, 0xC0, 0x07, 0x00, 0x00, 0x42]),
        new(T0.AddSeconds(2), null, PacketDirection.In, 0x64, 8, false, [0x08, 0x64, 0xC0, 0x08, 0x00, 0x00, 0x43]),
    ];

    private async Task<long> RecordAsync(CancellationToken ct, bool withPackets = true)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);
        await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, new FakeTimeProvider(T0), ct);
        foreach (PacketRow p in withPackets ? Packets() : [])
        {
            await r.RecordPacketAsync(p, ct);
        }

        await r.FinishAsync(ArchivedOutcome.Passed, ct);
        return r.RunId;
    }

    private void Sql(string sql)
    {
        using var c = new SqliteConnection($"Data Source={DbPath};Pooling=false;Foreign Keys=False");
        c.Open();
        using SqliteCommand command = c.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<ChainVerification> VerifyAsync(CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);
        return await archive.VerifyAsync(ct);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadRunAsync_RecordedPackets_ComeBackOctetForOctetInOrder(CancellationToken ct)
    {
        long run = await RecordAsync(ct);

        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);
        RunRecord record = await archive.ReadRunAsync(run, ct);

        Assert.That(record.Packets.Select(p => (p.Received, p.Onboard, p.Direction, p.Apid, p.SequenceCount, p.ErrorControlGood, Convert.ToHexString(p.Octets))),
            Is.EqualTo(Packets().Select(p => (p.Received, p.Onboard, p.Direction, p.Apid, p.SequenceCount, p.ErrorControlGood, Convert.ToHexString(p.Octets)))));
        Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task SealedHash_PacketsStreamedFromTheArchive_SameAsTheWholeRecordInMemory(CancellationToken ct)
    {
        long run = await RecordAsync(ct);

        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);
        RunRecord record = await archive.ReadRunAsync(run, ct);

        Assert.That(record.Packets, Has.Count.EqualTo(3));
        Assert.That(RunHash.Compute(record), Is.EqualTo(record.Summary.RecordHash));
        Assert.That(RunHash.Compute(record with { Packets = [] }), Is.Not.EqualTo(record.Summary.RecordHash), "the packets are in the hash");
    }

    [TestCase("UPDATE packets SET octets = x'0864C0070000FF' WHERE sequence_count = 7", TestName = "VerifyAsync_OnePacketsOctetsChanged_NamesTheRun")]
    [TestCase("UPDATE packets SET error_control_ok = 1 WHERE sequence_count = 8", TestName = "VerifyAsync_BadErrorControlMadeGood_NamesTheRun")]
    [TestCase("DELETE FROM packets WHERE direction = 'out'", TestName = "VerifyAsync_SentPacketDeleted_NamesTheRun")]
    [TestCase("DELETE FROM packets", TestName = "VerifyAsync_EveryPacketDeleted_NamesTheRun")]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_PacketRowChanged_NamesTheRun(string tamper, CancellationToken ct)
    {
        long run = await RecordAsync(ct);
        Sql(tamper);

        ChainVerification verification = await VerifyAsync(ct);

        Assert.That(verification.Damage.Select(d => d.RunId), Is.EqualTo(new[] { run }));
        Assert.That(verification.Reason, Does.Contain("altered after it was sealed"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_PacketPlantedForAFutureRun_IsReported(CancellationToken ct)
    {
        await RecordAsync(ct);
        Sql("INSERT INTO packets(run_id, received_us, onboard_us, direction, apid, sequence_count, error_control_ok, octets) VALUES (9, 0, NULL, 'in', 1, 1, 1, x'00')");

        ChainVerification verification = await VerifyAsync(ct);

        Assert.That(verification.Reason, Does.Contain("packets").And.Contain("planted for a future run"));
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task VerifyAsync_ArchiveWrittenBeforeThePacketTable_StillIntactAndReadsNoPackets(CancellationToken ct)
    {
        long run = await RecordAsync(ct, withPackets: false);
        Sql("DROP TABLE packets");

        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);
        RunRecord record = await archive.ReadRunAsync(run, ct);

        Assert.That(record.Packets, Is.Empty);
        Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
    }
}
