using Serilog.Events;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Protocols.Pus;

namespace UsocHil.Tests.Framing;

/// <summary>A link that drops bad frames says so at Warning, with a count, but not once per frame.</summary>
public sealed class DroppedFrameWarningTests
{
    private static readonly byte[] Marker = [0x1A, 0xCF, 0xFC, 0x1D];

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_150FramesWithBadCrc_ThreeWarningsWithCountsAndEveryDropCounted(CancellationToken cancellationToken)
    {
        byte[] bad = [.. Marker, .. PusCodec.UsocHilDefault.Encode(new Telecommand { Apid = 0x64, Service = 17, Subtype = 1 })];
        bad[^1] ^= 0xFF; // the CRC
        byte[] good = PusCodec.UsocHilDefault.Encode(new Telecommand { Apid = 0x64, Service = 17, Subtype = 1, SequenceCount = 1 });
        var (writer, reader) = InMemoryLink.CreatePair();
        await writer.WriteAsync(Enumerable.Repeat(bad, 150).SelectMany(f => f).Concat(Marker).Concat(good).ToArray(), cancellationToken);
        var log = new TestLog();
        var framer = new SyncMarkerFramer(PacketErrorControl.Crc, TimeProvider.System, log.Logger);

        ReadOnlyMemory<byte> packet = await framer.ReadPacketAsync(reader, cancellationToken);

        Assert.That(packet.ToArray(), Is.EqualTo(good));
        Assert.That(reader.Statistics.FramingErrors, Is.EqualTo(150));
        LogEvent[] warnings = log.Events.Where(e => e.Level == LogEventLevel.Warning).ToArray();
        Assert.That(warnings.Select(w => w.Properties["Count"].ToString()), Is.EqualTo(new[] { "1", "10", "100" }));
        Assert.That(warnings[0].RenderMessage(), Does.Contain("packet error control"));
    }
}
