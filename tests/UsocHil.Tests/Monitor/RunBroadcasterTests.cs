using System.Text;
using System.Text.Json;
using Serilog.Core;
using UsocHil.Monitor;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Tests.Monitor;

public sealed class RunBroadcasterTests
{
    private static readonly DateTimeOffset s_origin = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static RunBroadcaster NewBroadcaster(int clientCapacity = 1 << 20) =>
        new("live", true, StateGraph.Default, [new LimitDto("TC1_TEMP", [0, 1000], [-20, 1040])], TimeProvider.System, Logger.None, clientCapacity);

    [Test]
    [CancelAfter(10_000)]
    public async Task Observer_PageThatNeverDrains_QueueStaysBoundedAndIsToldToResync(CancellationToken cancellationToken)
    {
        await using RunBroadcaster broadcaster = NewBroadcaster(clientCapacity: 64 << 10);
        (ClientQueue queue, _) = broadcaster.Connect();

        broadcaster.OnRunStarted(new RunStart("furnace-em", "calibrate-thermocouples", "1", null, 3, s_origin));
        for (int i = 0; i < 20_000; i++)
        {
            broadcaster.OnTelemetry(new TelemetrySample("TC1_TEMP", i, s_origin.AddSeconds(i)));
            broadcaster.OnEvent(new RunEvent("device", "info", "event " + i, s_origin.AddSeconds(i)));
        }

        broadcaster.OnTransition(new RunTransition(RunState.Idle, RunState.Connecting, RunTrigger.Start, s_origin, null));
        await DrainedAsync(broadcaster, "Connecting", cancellationToken);

        Assert.That(queue.Pending, Is.LessThanOrEqualTo(queue.Capacity));
        Assert.That(queue.Dropped, Is.GreaterThan(0));
        Assert.That(queue.Drain().Resync, Is.True);
        JsonElement snapshot = JsonDocument.Parse(broadcaster.Resync(queue)).RootElement;
        Assert.That(snapshot.GetProperty("state").GetString(), Is.EqualTo("Connecting"));
        Assert.That(snapshot.GetProperty("telemetry").GetProperty("TC1_TEMP").GetProperty("t").GetArrayLength(), Is.EqualTo(RunView.TelemetryPointsPerParameter));
        Assert.That(snapshot.GetProperty("events").GetArrayLength(), Is.EqualTo(RunView.MaxListItems));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Connect_AfterReports_SnapshotHoldsThemAndQueueOnlyWhatCameAfter(CancellationToken cancellationToken)
    {
        await using RunBroadcaster broadcaster = NewBroadcaster();
        broadcaster.OnRunStarted(new RunStart("furnace-em", "calibrate-thermocouples", "1", null, 3, s_origin));
        broadcaster.OnMeasurement(Measurement.Within("1", "TC1 residual", ["TC1_TEMP"], double.NaN, "K", null, 0.3, s_origin));
        broadcaster.OnTransition(new RunTransition(RunState.Idle, RunState.Connecting, RunTrigger.Start, s_origin, null));
        await DrainedAsync(broadcaster, "Connecting", cancellationToken);

        (ClientQueue queue, string snapshot) = broadcaster.Connect();
        broadcaster.OnTransition(new RunTransition(RunState.Connecting, RunState.PoweringUp, RunTrigger.StepCompleted, s_origin.AddSeconds(2), null));
        await DrainedAsync(broadcaster, "PoweringUp", cancellationToken);

        JsonElement root = JsonDocument.Parse(snapshot).RootElement;
        Assert.That(root.GetProperty("measurements")[0].GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null), "NaN is sent as null");
        Assert.That(root.GetProperty("run").GetProperty("stepCount").GetInt32(), Is.EqualTo(3));
        Assert.That(Events(queue.Drain()).Select(e => e.Name), Is.EqualTo(new[] { "transition" }));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task Frame_ReportsWithinOneInterval_OneEncodingSharedByEveryPageWithTelemetryBatched(CancellationToken cancellationToken)
    {
        await using RunBroadcaster broadcaster = NewBroadcaster();
        (ClientQueue first, _) = broadcaster.Connect();
        (ClientQueue second, _) = broadcaster.Connect();

        broadcaster.OnTelemetry(new TelemetrySample("TC1_TEMP", 20.5, s_origin));
        broadcaster.OnEvent(new RunEvent("device", "info", "line one\nevent: finished\ndata: <b>{}</b>", s_origin));
        broadcaster.OnTelemetry(new TelemetrySample("TC2_TEMP", 21.5, s_origin.AddSeconds(1)));
        broadcaster.OnTransition(new RunTransition(RunState.Idle, RunState.Connecting, RunTrigger.Start, s_origin, null));
        await DrainedAsync(broadcaster, "Connecting", cancellationToken);

        ClientBatch a = first.Drain(), b = second.Drain();
        Assert.That(a.Frames, Has.Count.EqualTo(1), "four reports made within one frame interval go out as one frame");
        Assert.That(b.Frames[0], Is.SameAs(a.Frames[0]), "the frame is encoded once for every page");
        var events = Events(a);
        Assert.That(events.Select(e => e.Name), Is.EqualTo(new[] { "telemetry", "event", "transition" }));
        Assert.That(events[0].Data.GetArrayLength(), Is.EqualTo(2));
        Assert.That(events[1].Data.GetProperty("message").GetString(), Is.EqualTo("line one\nevent: finished\ndata: <b>{}</b>"),
            "a device's line breaks stay inside its data line: they can neither end the message nor forge another");
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DrainedAsync_AfterMoreReportsThanTheInboxHolds_CompletesAndCountsWhatWasDropped(CancellationToken cancellationToken)
    {
        await using RunBroadcaster broadcaster = NewBroadcaster();
        for (int i = 0; i < 4 * RunBroadcaster.InboxCapacity; i++)
        {
            broadcaster.OnTelemetry(new TelemetrySample("TC1_TEMP", i, s_origin.AddMilliseconds(i)));
        }

        await broadcaster.DrainedAsync().WaitAsync(cancellationToken);

        Assert.That(broadcaster.InboxDropped, Is.GreaterThan(0), "the test did not fill the inbox");
    }

    /// <summary>The server-sent events in a page's batch, as a browser's EventSource would split them.</summary>
    private static List<(string Name, JsonElement Data)> Events(ClientBatch batch)
    {
        var events = new List<(string, JsonElement)>();
        foreach (byte[] frame in batch.Frames)
        {
            foreach (string message in Encoding.UTF8.GetString(frame).Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                string[] lines = message.Split('\n');
                Assert.That(lines, Has.Length.EqualTo(2), message);
                events.Add((lines[0]["event: ".Length..], JsonDocument.Parse(lines[1]["data: ".Length..]).RootElement));
            }
        }

        return events;
    }

    private static async Task DrainedAsync(RunBroadcaster broadcaster, string state, CancellationToken cancellationToken)
    {
        while (broadcaster.State != state)
        {
            await Task.Delay(1, cancellationToken);
        }
    }
}
