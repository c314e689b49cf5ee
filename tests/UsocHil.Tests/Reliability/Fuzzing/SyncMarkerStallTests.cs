using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.Framing;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Pus;

namespace UsocHil.Tests.Reliability.Fuzzing;

/// <summary>
/// Found by the 1%-corruption run: one bit flipped in a length field made the serial framer wait for up to 64 KiB
/// (or for a silence that continuous housekeeping never leaves), holding back every good frame behind it, so
/// commands timed out. The good frames must come through while the link stays busy.
/// </summary>
public sealed class SyncMarkerStallTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_CorruptedLengthThenBusyLink_DeliversTheFollowingFramesAtOnce(CancellationToken cancellationToken)
    {
        var codec = PusCodec.UsocHilDefault;
        byte[][] good = PusCodecFuzzTests.Corpus(codec)[..10];
        byte[] bad = good[0].ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(bad.AsSpan(4), 0xFFF0);
        (InMemoryLink device, InMemoryLink harness) = InMemoryLink.CreatePair("stall");
        byte[] marker = SyncMarkerFramerOptions.AttachedSyncMarker.ToArray();
        await device.WriteAsync((byte[])[.. marker, .. bad], cancellationToken);
        foreach (byte[] packet in good)
        {
            await device.WriteAsync((byte[])[.. marker, .. packet], cancellationToken);
        }

        // A clock that never moves: the framer's silence timeout cannot rescue it, as on a link that is never quiet.
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, new FakeTimeProvider(), Logger.None);
        var received = new List<byte[]>();
        for (int i = 0; i < good.Length; i++)
        {
            received.Add((await framer.ReadPacketAsync(harness, cancellationToken)).ToArray());
        }

        Assert.That(received, Is.EqualTo(good));
        Assert.That(harness.Statistics.FramingErrors, Is.GreaterThanOrEqualTo(1));
        ReliabilityRecord.Write("fault injection", "serial framer: a corrupted length field (0xFFF0) followed by a busy link", good.Length,
            $"all {good.Length} following frames delivered at once, the bad one counted ({harness.Statistics.FramingErrors} framing error(s)); before the fix they waited for 64 KiB or silence");
        await device.DisposeAsync();
        await harness.DisposeAsync();
    }
}
