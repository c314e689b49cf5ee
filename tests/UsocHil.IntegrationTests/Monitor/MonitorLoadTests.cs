using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using UsocHil.Monitor;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.IntegrationTests.Monitor;

/// <summary>
/// Twenty pages reading and one that never reads: the run's observer calls stay O(1) and never wait, every queue stays
/// within its bound, and every reading page still sees the run finish. Per-call costs are printed, not asserted.
/// </summary>
public sealed class MonitorLoadTests
{
    private const int Samples = 100_000;
    private const int SamplesPerBurst = 10_000;

    [Test]
    [CancelAfter(60_000)]
    public async Task Observer_TwentyPagesAndOneStalledPage_QueuesStayBoundedAndEveryPageSeesTheEnd(CancellationToken cancellationToken)
    {
        await MeasureAsync(pages: 0, stalled: false, cancellationToken); // JIT and thread pool warm-up, not reported
        double alone = await MeasureAsync(pages: 0, stalled: false, cancellationToken);
        double loaded = await MeasureAsync(pages: 20, stalled: true, cancellationToken);
        TestContext.Out.WriteLine($"OnTelemetry cost: {alone:F0} ns/call with no page, {loaded:F0} ns/call with 20 pages and one stalled page");
    }

    private static async Task<double> MeasureAsync(int pages, bool stalled, CancellationToken cancellationToken)
    {
        var options = new MonitorOptions { Endpoint = new IPEndPoint(IPAddress.Loopback, 0) };
        await using MonitorServer server = await MonitorServer.StartAsync(options, TestLog.Silent, cancellationToken);
        RunBroadcaster broadcaster = server.Broadcaster!;
        var events = new Uri(server.Url, "api/runs/live/events");
        var clients = new List<SseClient>();
        for (int i = 0; i < pages; i++)
        {
            SseClient client = await SseClient.ConnectAsync(events, cancellationToken);
            await client.WaitForAsync("snapshot", cancellationToken);
            clients.Add(client);
        }

        using var stalledPage = new TcpClient();
        if (stalled)
        {
            // Asks for the stream and never reads a byte: its socket buffers fill and its writer blocks in Kestrel.
            stalledPage.ReceiveBufferSize = 4096;
            await stalledPage.ConnectAsync(IPAddress.Loopback, server.Url.Port, cancellationToken);
            byte[] request = Encoding.ASCII.GetBytes($"GET /api/runs/live/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
            await stalledPage.GetStream().WriteAsync(request, cancellationToken);
        }

        int expectedClients = pages + (stalled ? 1 : 0);
        while (broadcaster.ClientCount < expectedClients)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var run = new SyntheticRun(broadcaster);
        run.Start(stepCount: 1);
        var origin = DateTimeOffset.UnixEpoch;
        long posting = 0;
        for (int i = 0; i < Samples; i++)
        {
            if (i % SamplesPerBurst == 0)
            {
                // A burst at a time, as a rig's housekeeping comes: the inbox is bounded too, and this test is about the pages.
                await broadcaster.DrainedAsync();
            }

            long started = Stopwatch.GetTimestamp();
            broadcaster.OnTelemetry(new TelemetrySample("TC1_TEMP", i, origin.AddMilliseconds(i)));
            if (i % 100 == 0)
            {
                broadcaster.OnEvent(new RunEvent("device", "info", "event " + i, origin.AddMilliseconds(i)));
            }

            posting += Stopwatch.GetTimestamp() - started;
        }

        double nanosecondsPerCall = Stopwatch.GetElapsedTime(0, posting).TotalNanoseconds / (Samples + (Samples / 100));
        run.Finish(RunState.Completed, RunOutcome.Passed);

        foreach (SseClient client in clients)
        {
            await client.WaitForEndAsync(cancellationToken);
        }

        TestContext.Out.WriteLine($"reading pages resynced {broadcaster.Clients.Take(pages).Sum(q => q.Resyncs)} times in all");

        Assert.That(broadcaster.InboxDropped, Is.Zero);
        foreach (ClientQueue queue in broadcaster.Clients)
        {
            Assert.That(queue.Pending, Is.LessThanOrEqualTo(queue.Capacity));
        }

        if (stalled)
        {
            ClientQueue stalledQueue = broadcaster.Clients[^1];
            Assert.That(stalledQueue.Dropped, Is.GreaterThan(0), "the stalled page never fell behind: the test did not load it");
            TestContext.Out.WriteLine($"stalled page: {stalledQueue.Pending} bytes pending (capacity {stalledQueue.Capacity}), {stalledQueue.Dropped} frames dropped, {stalledQueue.Resyncs} resyncs");
        }

        foreach (SseClient client in clients)
        {
            await client.DisposeAsync();
        }

        return nanosecondsPerCall;
    }
}
