using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Links.InMemory;

namespace UsocHil.Tests.Framing;

public sealed class LengthDelimitedFramerTests
{
    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_PacketsBackToBackInOddChunks_DeliversEach(CancellationToken cancellationToken)
    {
        byte[] a = SyncMarkerFramerTests.Encode(17, 1);
        byte[] b = SyncMarkerFramerTests.Encode(8, 1, 9, 9, 9, 9, 9);
        byte[] stream = [.. a, .. b, .. a];
        var (writer, reader) = InMemoryLink.CreatePair();
        var framer = new LengthDelimitedFramer();
        for (int i = 0; i < stream.Length; i += 5)
        {
            await writer.WriteAsync(stream.AsMemory(i, Math.Min(5, stream.Length - i)), cancellationToken);
        }

        await writer.DisposeAsync();

        Assert.That((await framer.ReadPacketAsync(reader, cancellationToken)).ToArray(), Is.EqualTo(a));
        Assert.That((await framer.ReadPacketAsync(reader, cancellationToken)).ToArray(), Is.EqualTo(b));
        Assert.That((await framer.ReadPacketAsync(reader, cancellationToken)).ToArray(), Is.EqualTo(a));
        Assert.That(async () => await framer.ReadPacketAsync(reader, cancellationToken), Throws.TypeOf<LinkClosedException>());
        Assert.That(reader.Statistics.Frames, Is.EqualTo(3));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_LengthAboveMaximum_ThrowsFramingExceptionAndCounts(CancellationToken cancellationToken)
    {
        var (writer, reader) = InMemoryLink.CreatePair();
        var framer = new LengthDelimitedFramer(maxPacketLength: 100);
        await writer.WriteAsync(new byte[] { 0x18, 0x64, 0xC0, 0x00, 0x10, 0x00 }, cancellationToken);

        Assert.That(async () => await framer.ReadPacketAsync(reader, cancellationToken), Throws.TypeOf<FramingException>());
        Assert.That(reader.Statistics.FramingErrors, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadPacketAsync_ClosedMidPacket_ThrowsLinkClosedException(CancellationToken cancellationToken)
    {
        var (writer, reader) = InMemoryLink.CreatePair();
        var framer = new LengthDelimitedFramer();
        await writer.WriteAsync(SyncMarkerFramerTests.Encode(17, 1).AsMemory(0, 9), cancellationToken);
        await writer.DisposeAsync();

        Assert.That(async () => await framer.ReadPacketAsync(reader, cancellationToken), Throws.TypeOf<LinkClosedException>().With.Message.Contains("into a packet"));
    }
}
