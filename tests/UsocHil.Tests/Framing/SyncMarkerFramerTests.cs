using CsCheck;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Pus;
using UsocHil.Tests.Protocols;

namespace UsocHil.Tests.Framing;

public sealed class SyncMarkerFramerTests
{
    private static readonly byte[] Marker = [0x1A, 0xCF, 0xFC, 0x1D];

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_FramesSplitAcrossWrites_DeliversEachPacket(CancellationToken cancellationToken)
    {
        byte[] a = Encode(17, 1);
        byte[] b = Encode(8, 1, 1, 2, 3);
        byte[] stream = [.. Marker, .. a, .. Marker, .. b];
        var (writer, reader) = InMemoryLink.CreatePair();
        foreach (byte octet in stream)
        {
            await writer.WriteAsync(new[] { octet }, cancellationToken);
        }

        await writer.DisposeAsync();

        List<byte[]> packets = await ReadAllAsync(reader, cancellationToken);

        Assert.That(packets, Is.EqualTo(new[] { a, b }));
        Assert.That((reader.Statistics.Frames, reader.Statistics.FramingErrors), Is.EqualTo((2L, 0L)));
    }

    [Test]
    public void ReadPacketAsync_RandomBytesMixedWithValidFrames_YieldsExactlyTheValidFrames() =>
        Gen.Select(Gen.Select(PusGen.Telecommand, Gen.Byte.Array[0, 40]).List[1, 8], Gen.Byte.Array[0, 40]).Sample((items, tail) =>
        {
            var expected = new List<byte[]>();
            var stream = new List<byte>();
            foreach ((Telecommand tc, byte[] garbage) in items)
            {
                stream.AddRange(garbage);
                byte[] packet = PusCodec.UsocHilDefault.Encode(tc);
                expected.Add(packet);
                stream.AddRange(Marker);
                stream.AddRange(packet);
            }

            stream.AddRange(tail);
            List<byte[]> packets = Run(stream.ToArray(), out _);
            Assert.That(packets, Is.EqualTo(expected));
        }, iter: 400);

    [Test]
    public void ReadPacketAsync_AnySingleBitFlipInAFrame_IsNotDeliveredAndTheNextFrameIs() =>
        Gen.Select(PusGen.Telecommand, Gen.Int[0, int.MaxValue]).Sample((tc, bit) =>
        {
            byte[] frame = [.. Marker, .. PusCodec.UsocHilDefault.Encode(tc)];
            int flip = bit % (frame.Length * 8);
            frame[flip / 8] ^= (byte)(0x80 >> (flip % 8));
            byte[] next = Encode(17, 1);

            List<byte[]> packets = Run([.. frame, .. Marker, .. next], out LinkStatistics statistics);

            Assert.That(packets, Is.EqualTo(new[] { next }));
            if (flip >= Marker.Length * 8)
            {
                Assert.That(statistics.FramingErrors, Is.GreaterThanOrEqualTo(1));
            }
        }, iter: 1500);

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_SilenceMidPacket_GivesUpAndFindsTheNextFrame(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider();
        var (writer, reader) = InMemoryLink.CreatePair();
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, time, Logger.None, new SyncMarkerFramerOptions { MidPacketTimeout = TimeSpan.FromMilliseconds(200) });
        byte[] good = Encode(17, 1);
        await writer.WriteAsync(Concat(Marker, good[..8]), cancellationToken);

        ValueTask<ReadOnlyMemory<byte>> pending = framer.ReadPacketAsync(reader, cancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(200));
        await Until(() => reader.Statistics.FramingErrors == 1, cancellationToken);
        await writer.WriteAsync(Concat(Marker, good), cancellationToken);

        ReadOnlyMemory<byte> packet = await pending;

        Assert.That(packet.ToArray(), Is.EqualTo(good));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task WritePacketAsync_Packet_PutsTheMarkerFirst(CancellationToken cancellationToken)
    {
        var (writer, reader) = InMemoryLink.CreatePair();
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, TimeProvider.System, Logger.None);
        byte[] packet = Encode(17, 2);

        await framer.WritePacketAsync(writer, packet, cancellationToken);
        var received = new byte[64];
        int count = await reader.ReadAsync(received, cancellationToken);

        Assert.That(received[..count], Is.EqualTo(Concat(Marker, packet)));
    }

    internal static byte[] Encode(byte service, byte subtype, params byte[] data) =>
        PusCodec.UsocHilDefault.Encode(new Telecommand { Apid = 100, Service = service, Subtype = subtype, ApplicationData = data });

    private static byte[] Concat(byte[] a, byte[] b) => [.. a, .. b];

    private static List<byte[]> Run(byte[] stream, out LinkStatistics statistics)
    {
        var (writer, reader) = InMemoryLink.CreatePair();
        writer.WriteAsync(stream, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        statistics = reader.Statistics;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return ReadAllAsync(reader, cts.Token).GetAwaiter().GetResult();
    }

    private static async Task<List<byte[]>> ReadAllAsync(ILink reader, CancellationToken cancellationToken)
    {
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, TimeProvider.System, Logger.None);
        var packets = new List<byte[]>();
        try
        {
            while (true)
            {
                packets.Add((await framer.ReadPacketAsync(reader, cancellationToken)).ToArray());
            }
        }
        catch (LinkClosedException)
        {
            return packets;
        }
    }

    private static async Task Until(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
