using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// Sealing and verifying read a run's steps in the order they were recorded; an archive of schema 4 (which could only
/// sort them, step by step, at every seal) gets the index that reads them in order when it is opened, and its sealed
/// runs still verify.
/// </summary>
public sealed class StepOrderIndexTests
{
    private const string StepsAsSealed = "SELECT step_index, name, kind, started, ended, outcome, message FROM steps WHERE run_id = 1 ORDER BY id";

    private string _dir = null!;

    private string DbPath => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("results");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    private Task<ResultsArchive> OpenAsync(CancellationToken ct) => ResultsArchive.OpenAsync(DbPath, new FakeTimeProvider(), Serilog.Core.Logger.None, ct);

    private static async Task<string> RecordStepsAsync(ResultsArchive archive, CancellationToken ct)
    {
        await using RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "certify" }, new FakeTimeProvider(), ct);
        for (int i = 0; i < 3; i++)
        {
            await r.RecordStepStartedAsync(i, $"{i + 1} soak", "wait", ct);
            await r.RecordStepEndedAsync(i, "passed", null, ct);
        }

        return await r.FinishAsync(ArchivedOutcome.Passed, ct);
    }

    private async Task<string> QueryAsync(string sql, CancellationToken ct)
    {
        await using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=false");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var lines = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            lines.Add(string.Join(' ', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : reader.GetValue(i).ToString())));
        }

        return string.Join('\n', lines);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task OpenAsync_ArchiveOfSchemaFour_StepsReadInRecordedOrderWithoutSortingAndStillVerify(CancellationToken ct)
    {
        string sealedHash;
        await using (ResultsArchive archive = await OpenAsync(ct))
        {
            sealedHash = await RecordStepsAsync(archive, ct);
        }

        // The archive as version 4 left it: no index on steps by run and id.
        await QueryAsync("DROP INDEX steps_run_order; UPDATE schema_version SET version = 4", ct);
        Assert.That(await QueryAsync("EXPLAIN QUERY PLAN " + StepsAsSealed, ct), Does.Contain("TEMP B-TREE"), "schema 4 sorts the run's steps");

        await using ResultsArchive migrated = await OpenAsync(ct);
        Assert.That(await QueryAsync("EXPLAIN QUERY PLAN " + StepsAsSealed, ct), Does.Not.Contain("TEMP B-TREE").And.Contain("steps_run_order"));
        Assert.That(await QueryAsync("SELECT version FROM schema_version", ct), Is.EqualTo("5"));
        Assert.That((await migrated.ReadRunAsync(1, ct)).Summary.RecordHash, Is.EqualTo(sealedHash));
        Assert.That((await migrated.ReadRunAsync(1, ct)).Steps.Select(s => s.Name), Is.EqualTo(new[] { "1 soak", "2 soak", "3 soak" }));
        Assert.That((await migrated.VerifyAsync(ct)).Intact, Is.True);
    }
}
