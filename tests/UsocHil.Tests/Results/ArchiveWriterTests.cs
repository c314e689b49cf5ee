using Microsoft.Data.Sqlite;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// Recording takes no lock below the writer's capacity, but a recorder that outruns a stalled archive still waits
/// for room instead of losing rows or growing without bound.
/// </summary>
public sealed class ArchiveWriterTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("writer");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task RecordTelemetryAsync_ArchiveLockedByAnotherWriter_RowPastCapacityWaitsThenAllAreKept(CancellationToken ct)
    {
        string path = Path.Combine(_dir, "results.db");
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(path, TimeProvider.System, Serilog.Core.Logger.None, ct);
        await using RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "soak" }, TimeProvider.System, ct);
        var t0 = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        int completedAtOnce = 0;
        Task past;
        await using (var other = new SqliteConnection($"Data Source={path}"))
        {
            await other.OpenAsync(ct);
            using (SqliteTransaction hold = other.BeginTransaction()) // BEGIN IMMEDIATE: the archive's writer cannot commit
            {
                for (int i = 0; i < ArchiveWriter.Capacity; i++)
                {
                    Task row = recorder.RecordTelemetryAsync(t0.AddMilliseconds(i), "CONTROL_TEMP", i, ct).AsTask();
                    completedAtOnce += row.IsCompleted ? 1 : 0;
                }

                past = recorder.RecordTelemetryAsync(t0.AddMilliseconds(ArchiveWriter.Capacity), "CONTROL_TEMP", ArchiveWriter.Capacity, ct).AsTask();
                Assert.That(completedAtOnce, Is.EqualTo(ArchiveWriter.Capacity));
                Assert.That(past.IsCompleted, Is.False, "the row past the capacity waits while the archive cannot take rows");
                hold.Rollback();
            }
        }

        await past.WaitAsync(ct);
        await recorder.FinishAsync(ArchivedOutcome.Passed, ct);
        RunRecord run = await archive.ReadRunAsync(recorder.RunId, ct);
        Assert.That(run.Telemetry, Has.Count.EqualTo(ArchiveWriter.Capacity + 1));
        Assert.That(run.Telemetry[^1].Value, Is.EqualTo(ArchiveWriter.Capacity));
    }
}
