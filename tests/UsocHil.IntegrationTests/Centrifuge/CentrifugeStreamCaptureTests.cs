using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.Centrifuge;

/// <summary>
/// An outside framer on the centrifuge's Ethernet link: the emulator runs in a process of its own, the harness reaches
/// its PUS port through a loopback relay that captures what the payload sends, and npm's
/// <c>@serialport/parser-spacepacket</c>, run by Debian's node, splits the capture into the same packets (APID,
/// sequence count, length) that the harness received, decoded and kept in its raw packet archive.
/// </summary>
public sealed class CentrifugeStreamCaptureTests
{
    private const int IdleApid = 0x7FF;

    [Test]
    [CancelAfter(600_000)]
    public async Task SpacePacketParser_OnTheCapturedTcpStream_FindsThePacketsTheHarnessDecoded(CancellationToken ct)
    {
        using var station = CentrifugeStation.Create(2);
        (RunningCli emulator, JsonObject binding) = await station.StartEmulatorAsync(ct);
        await using RunningCli emulatorProcess = emulator;
        JsonObject payload = binding["links"]!["payload"]!["tcp"]!.AsObject();
        await using var relay = CaptureRelay.Start(payload["port"]!.GetValue<int>(), Path.Combine(station.Directory, "capture"));
        payload["port"] = relay.Port;
        station.BindAsHardware(binding);

        CliProcessResult run = await UsocHilProcess.RunAsync(station.Directory, ["run", CentrifugeStation.Rig, "calibrate-tachometer", "--yes"], ct);
        Assert.That(run.ExitCode, Is.Zero, run.Describe());
        string[] captures = await relay.StopAsync();

        string archived = Path.Combine(station.Directory, "received.bin");
        CliProcessResult export = await UsocHilProcess.RunAsync(station.Directory, ["results", "packets", "1", "--direction", "in", "--out", archived], ct);
        Assert.That(export.ExitCode, Is.Zero, export.Describe());
        byte[] raw = await File.ReadAllBytesAsync(archived, ct);
        (int, int)[] harness = [.. Headers(raw)];

        (int ExitCode, string Output, string Error) node = await PythonProcess.RunAsync("node", [Path.Combine(RepositoryPaths.Root, "tests", "node", "split-space-packets.js"), .. captures], null, ct);
        Assert.That(node.ExitCode, Is.Zero, node.Error);
        JsonObject[] framed = [.. Lines(node.Output).Where(o => o["apid"]!.GetValue<int>() != IdleApid)];
        (int, int)[] outside = [.. framed.Select(o => (o["apid"]!.GetValue<int>(), o["sequenceCount"]!.GetValue<int>()))];

        Assert.That(harness, Has.Length.GreaterThan(50), "a calibration run's telemetry and reports");
        // The payload goes on sending housekeeping until its link closes, after the record of the run was sealed.
        Assert.That(outside.Take(harness.Length), Is.EqualTo(harness), "the same packets, in the same order, as the harness decoded");
        Assert.That(outside.Length - harness.Length, Is.InRange(0, 5), "only the last reports, sent after the record was sealed, are beyond the archive");
        Assert.That(framed.Take(harness.Length).Sum(o => 6 + o["dataLength"]!.GetValue<int>()), Is.EqualTo(raw.Length), "the same lengths: every octet of the archive accounted for");
    }

    /// <summary>APID and sequence count of each packet the harness archived as received, walking their primary headers.</summary>
    private static IEnumerable<(int Apid, int SequenceCount)> Headers(byte[] packets)
    {
        for (int at = 0; at + 6 <= packets.Length; at += 7 + ((packets[at + 4] << 8) | packets[at + 5]))
        {
            yield return (((packets[at] & 0x07) << 8) | packets[at + 1], ((packets[at + 2] & 0x3F) << 8) | packets[at + 3]);
        }
    }

    private static IEnumerable<JsonObject> Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject());

    /// <summary>A loopback TCP relay to the emulator's payload port: each connection's payload-to-harness octets go to a file of their own.</summary>
    private sealed class CaptureRelay : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly int _target;
        private readonly string _prefix;
        private readonly List<string> _files = [];
        private readonly List<Task> _pumps = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _accepting = Task.CompletedTask;

        private CaptureRelay(int target, string prefix)
        {
            _target = target;
            _prefix = prefix;
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static CaptureRelay Start(int target, string prefix)
        {
            var relay = new CaptureRelay(target, prefix);
            relay._listener.Start();
            relay._accepting = relay.AcceptAsync();
            return relay;
        }

        public async Task<string[]> StopAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await Task.WhenAll([_accepting.ContinueWith(_ => { }, TaskScheduler.Default), .. _pumps.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default))]);
            lock (_files)
            {
                return [.. _files];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient harness = await _listener.AcceptTcpClientAsync(_stop.Token);
                var payload = new TcpClient();
                await payload.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
                string file;
                lock (_files)
                {
                    file = $"{_prefix}-{_files.Count}.bin";
                    _files.Add(file);
                }

                _pumps.Add(PumpAsync(harness, payload, file));
            }
        }

        private async Task PumpAsync(TcpClient harness, TcpClient payload, string file)
        {
            using (harness)
            using (payload)
            await using (FileStream capture = File.Create(file))
            {
                Task up = CopyAsync(harness.GetStream(), payload.GetStream(), null);
                Task down = CopyAsync(payload.GetStream(), harness.GetStream(), capture);
                await Task.WhenAny(up, down);
                harness.Client.Shutdown(SocketShutdown.Both);
                payload.Client.Shutdown(SocketShutdown.Both);
                await Task.WhenAll(up.ContinueWith(_ => { }, TaskScheduler.Default), down.ContinueWith(_ => { }, TaskScheduler.Default));
            }
        }

        private async Task CopyAsync(NetworkStream from, NetworkStream to, FileStream? capture)
        {
            byte[] buffer = new byte[16384];
            int n;
            while ((n = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (capture is not null)
                {
                    await capture.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
                }

                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
    }
}
