using Microsoft.Extensions.Time.Testing;
using UsocHil.Results;

namespace UsocHil.Tests.Results;

/// <summary>
/// A step that starts and ends within one of the writer's batches goes into the archive as one row; a step whose end
/// comes in a later batch is updated; a step never ended keeps only its start. The table reads the same either way.
/// </summary>
public sealed class StepRowBatchingTests
{
    private string _dir = null!;

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("steps");

    [TearDown]
    public void TearDown() => Directory.Delete(_dir, recursive: true);

    [Test]
    [CancelAfter(30_000)]
    public async Task ReadRunAsync_StepsEndedInTheSameOrALaterBatchOrNever_ReadAsRecorded(CancellationToken ct)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero));
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(Path.Combine(_dir, "results.db"), clock, Serilog.Core.Logger.None, ct);
        DateTimeOffset t0 = clock.GetUtcNow();
        long runId;
        await using (RunRecorder r = await archive.BeginRunAsync(new RunHeader { Rig = "furnace-em", Sequence = "heat" }, clock, ct))
        {
            runId = r.RunId;
            await r.RecordStepStartedAsync(0, "1 ramp to 300 degC", "set", ct);
            await r.RecordStepEndedAsync(0, "passed", null, ct);
            await r.RecordStepStartedAsync(1, "2 hold", "wait", ct);
            await r.FlushAsync(ct); // step 2's start is committed alone
            clock.Advance(TimeSpan.FromSeconds(90));
            await r.RecordStepEndedAsync(1, "failed", "CONTROL_TEMP not stable within 60 s", ct);
            await r.RecordStepStartedAsync(2, "3 cool", "set", ct);
            await r.FinishAsync(ArchivedOutcome.Failed, ct);
        }

        RunRecord run = await archive.ReadRunAsync(runId, ct);
        DateTimeOffset t1 = t0.AddSeconds(90);
        Assert.That(run.Steps, Is.EqualTo(new[]
        {
            new StepRow(0, "1 ramp to 300 degC", "set", t0, t0, "passed", null),
            new StepRow(1, "2 hold", "wait", t0, t1, "failed", "CONTROL_TEMP not stable within 60 s"),
            new StepRow(2, "3 cool", "set", t1, null, null, null),
        }));
    }
}
