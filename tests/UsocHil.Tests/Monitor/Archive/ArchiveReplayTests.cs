using System.Text.Json;
using Serilog.Core;
using UsocHil.Monitor;
using UsocHil.Monitor.Archive;
using UsocHil.Results;

namespace UsocHil.Tests.Monitor.Archive;

public sealed class ArchiveReplayTests
{
    private static readonly DateTimeOffset s_origin = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Test]
    [CancelAfter(20_000)]
    public async Task Feed_LongFinishedRun_PageGetsTheLatestTracesAndEverythingRecordedAfterThem(CancellationToken cancellationToken)
    {
        // An hour at 10 Hz of three parameters: more samples than the broadcaster's inbox holds at once.
        const int Samples = 108_000;
        TelemetryRow[] telemetry = [.. Enumerable.Range(0, Samples).Select(i => new TelemetryRow(s_origin.AddMilliseconds(100 * (i / 3)), $"TC{1 + (i % 3)}_TEMP", i))];
        var record = new RunRecord
        {
            Summary = new RunSummary
            {
                Id = 7,
                Header = new RunHeader { Rig = "furnace-em", Sequence = "memory-soak" },
                StartedRig = s_origin,
                StartedWall = s_origin,
                EndedRig = s_origin.AddHours(1),
                Outcome = ArchivedOutcome.Passed,
            },
            Telemetry = telemetry,
            Events = [new EventRow(s_origin.AddHours(1), 0x201, "HEATER_OFF", "info", null)],
        };
        await using var broadcaster = new RunBroadcaster("7", live: false, StateGraph.Default, [], TimeProvider.System, Logger.None);

        new ArchiveReplay(broadcaster).Feed(record);
        await broadcaster.DrainedAsync();

        JsonElement snapshot = JsonDocument.Parse(broadcaster.SnapshotJson()).RootElement;
        Assert.That(broadcaster.InboxDropped, Is.Zero);
        Assert.That(snapshot.GetProperty("finished").GetProperty("outcome").GetString(), Is.EqualTo("Passed"), "the end of the run reached the page");
        Assert.That(snapshot.GetProperty("events")[0].GetProperty("message").GetString(), Does.Contain("HEATER_OFF"));
        JsonElement trace = snapshot.GetProperty("telemetry").GetProperty("TC3_TEMP");
        Assert.That(trace.GetProperty("v").GetArrayLength(), Is.EqualTo(RunView.TelemetryPointsPerParameter));
        Assert.That(trace.GetProperty("v")[RunView.TelemetryPointsPerParameter - 1].GetDouble(), Is.EqualTo(Samples - 1), "the trace ends with the run's last sample");
    }
}
