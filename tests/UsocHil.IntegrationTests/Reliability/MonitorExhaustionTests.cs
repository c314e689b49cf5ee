using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// An outsider opens 2,000 event streams to a run's monitor and never reads one, while the harness may hold only
/// 1,024 file descriptors (its links, archive, log and emulator included): the calibration runs to its end and passes,
/// the streams beyond the monitor's limits are answered 503 and counted, and the rig ends safe. Before the limits the
/// runtime aborted ("Out of memory.", exit 134) at about 1,100 such clients with heater and supply on.
/// </summary>
[NonParallelizable]
public sealed partial class MonitorExhaustionTests
{
    private const int Clients = 2000;
    private const int DescriptorLimit = 1024;

    [Test]
    [CancelAfter(180_000)]
    public async Task Calibration_TwoThousandStalledEventStreamsUnder1024Descriptors_RunPassesAndTheRestAreRefusedAndCounted(CancellationToken cancellationToken)
    {
        // At 300x the calibration lasts long enough for every client to connect while it runs.
        using var station = TemporaryStation.EmulatedFurnace(seed: 1, timeScale: 300);
        var start = UsocHilProcess.StartInfo(
            ["--station", station.StationFile, "run", "furnace-em", "calibrate-thermocouples", "--yes", "--monitor", "127.0.0.1:0", "--truth", station.TruthFile],
            station.Directory);
        // prlimit execs env, which execs dotnet: the limit is usoc-hil's own, soft and hard.
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--");
        start.ArgumentList.Insert(0, $"--nofile={DescriptorLimit}:{DescriptorLimit}");
        start.FileName = "prlimit";
        await using var child = new RunningCli(System.Diagnostics.Process.Start(start)!);
        var clients = new List<TcpClient>(Clients);
        try
        {
            await child.WaitForOutputAsync("abort token:", cancellationToken);
            int port = new Uri(MonitorBanner().Match(child.Output).Groups["url"].Value).Port;
            byte[] request = Encoding.ASCII.GetBytes($"GET /api/runs/live/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n\r\n");
            int before = Directory.GetFiles($"/proc/{child.Process.Id}/fd").Length;
            using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<int> peakDescriptors = PeakDescriptorsAsync(child.Process.Id, sampling.Token);
            using var connecting = new SemaphoreSlim(64);
            Task<TcpClient>[] opening = Enumerable.Range(0, Clients).Select(async _ =>
            {
                await connecting.WaitAsync(cancellationToken);
                try
                {
                    // Asks for the stream and never reads a byte.
                    var client = new TcpClient { ReceiveBufferSize = 4096 };
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    await client.GetStream().WriteAsync(request, cancellationToken);
                    return client;
                }
                finally
                {
                    connecting.Release();
                }
            }).ToArray();
            clients.AddRange(await Task.WhenAll(opening));
            Assert.That(child.Process.HasExited, Is.False, "usoc-hil ended while the clients connected:\n" + child.Error);

            CliProcessResult result = await child.WaitForExitAsync(cancellationToken);
            await sampling.CancelAsync();
            int peak = await peakDescriptors;
            Assert.That(result.ExitCode, Is.Zero, result.Describe());
            Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");

            (int refused, int streamed, int other) = Classify(clients);
            Dictionary<string, long> counted = MonitorTotals().Matches(result.Stderr).ToDictionary(m => m.Groups["kind"].Value, m => long.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));
            long harnessRefused = counted.GetValueOrDefault("event-stream limit") + counted.GetValueOrDefault("connection limit");
            TestContext.Out.WriteLine($"clients: {refused} answered 503, {streamed} streamed, {other} neither; harness counted {string.Join(", ", counted.Select(c => $"{c.Key} {c.Value}"))}; peak {peak} descriptors open ({before} before the clients)");

            Assert.That(streamed, Is.LessThanOrEqualTo(32), "no more streams than the limit");
            Assert.That(other, Is.Zero, "every client was either streamed or answered 503\n" + result.Describe());
            Assert.That(refused, Is.EqualTo(Clients - streamed), "every client beyond the limit was answered 503");
            Assert.That(harnessRefused, Is.EqualTo(refused), "every refusal counted in the harness log");
            TruthRecord end = station.FinalTruth();
            Assert.That((end.HeaterOn, end.SupplyOutputOn), Is.EqualTo((false, false)), "heater and supply off at the end");

            ReliabilityRecord.Write("security", $"{Clients:N0} stalled monitor event-stream clients during calibrate-thermocouples, usoc-hil limited to {DescriptorLimit:N0} descriptors", 1,
                $"run passed (exit 0); {streamed} streams served, {refused:N0} answered 503 and counted in the log; at most {peak} descriptors open; heater and supply off at the end");
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The most descriptors usoc-hil held at once (prlimit and env exec, so its process id is the one started).</summary>
    private static async Task<int> PeakDescriptorsAsync(int pid, CancellationToken cancellationToken)
    {
        int peak = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                peak = Math.Max(peak, Directory.GetFiles($"/proc/{pid}/fd").Length);
                await Task.Delay(20, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }

    /// <summary>What each client was sent, read only now that the run is over: a 503, or the stream it asked for.</summary>
    private static (int Refused, int Streamed, int Other) Classify(IEnumerable<TcpClient> clients)
    {
        int refused = 0, streamed = 0, other = 0;
        byte[] head = new byte[12];
        foreach (TcpClient client in clients)
        {
            client.Client.ReceiveTimeout = 1000;
            int read = 0;
            try
            {
                read = client.Client.Receive(head);
            }
            catch (SocketException)
            {
                // Nothing readable: neither served nor refused.
            }

            switch (Encoding.ASCII.GetString(head, 0, read))
            {
                case "HTTP/1.1 503":
                    refused++;
                    break;
                case "HTTP/1.1 200":
                    streamed++;
                    break;
                default:
                    other++;
                    break;
            }
        }

        return (refused, streamed, other);
    }

    [GeneratedRegex(@"Monitor: (?<url>http://\S+) abort token:")]
    private static partial Regex MonitorBanner();

    [GeneratedRegex(@"Monitor refused (?<count>\d+) requests in all \((?<kind>[^)]+)\)")]
    private static partial Regex MonitorTotals();
}
