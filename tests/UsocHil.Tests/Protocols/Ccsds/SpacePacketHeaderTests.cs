using System.Buffers;
using CsCheck;
using UsocHil.Framing.Ccsds;
using UsocHil.Tests.Support;

namespace UsocHil.Tests.Protocols.Ccsds;

public sealed class SpacePacketHeaderTests
{
    [Test]
    public void Read_AreYouAliveVector_HasItsFields()
    {
        var header = SpacePacketHeader.Read(Convert.FromHexString("1802C0340006"));

        Assert.That(header, Is.EqualTo(new SpacePacketHeader(PacketType.Telecommand, true, 2, SequenceFlags.Unsegmented, 52, 6)));
        Assert.That(header.PacketLength, Is.EqualTo(13));
        Assert.That(header.RequestId, Is.EqualTo(0x1802C034u));
    }

    [Test]
    public void WriteThenRead_AnyHeader_GivesItBack() =>
        Gen.Select(Gen.Int[0, 1], Gen.Bool, Gen.UShort[0, 2047], Gen.Int[0, 3], Gen.UShort[0, 16383], Gen.UShort, Gen.Byte[0, 7])
            .Sample((type, secondary, apid, flags, count, length, version) =>
            {
                var header = new SpacePacketHeader((PacketType)type, secondary, apid, (SequenceFlags)flags, count, length, version);
                byte[] bytes = new byte[6];
                header.WriteTo(bytes);
                Assert.That(SpacePacketHeader.Read(bytes), Is.EqualTo(header));
                Assert.That(SpacePacketHeader.Read(new ReadOnlySequence<byte>(bytes)), Is.EqualTo(header));
            }, iter: 2000);

    [Test]
    public void Read_SegmentedSequence_ReadsAcrossSegments()
    {
        var first = new Segment(new byte[] { 0x18, 0x02, 0xC0 });
        Segment last = first.Append(new byte[] { 0x34, 0x00, 0x06, 0x2F });

        var header = SpacePacketHeader.Read(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));

        Assert.That((header.Apid, header.SequenceCount, header.DataLength), Is.EqualTo(((ushort)2, (ushort)52, (ushort)6)));
    }

    [Test]
    public void Read_FiveOctets_ThrowsPacketDecodeException() =>
        Assert.That(() => SpacePacketHeader.Read(new byte[5]), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("primary_header"));

    [Test]
    public void Read_Span_AllocatesNothing()
    {
        byte[] bytes = Convert.FromHexString("1802C0340006");
        SpacePacketHeader.Read(bytes);
        int sum = 0;
        long allocated = Allocations.LeastOfThreeRounds(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                sum += SpacePacketHeader.Read(bytes).Apid;
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(sum, Is.EqualTo(6000));
    }

    [Test]
    public void WriteTo_ApidOver11Bits_Throws() =>
        Assert.That(() => new SpacePacketHeader(PacketType.Telemetry, true, 2048, SequenceFlags.Unsegmented, 0, 0).WriteTo(new byte[6]), Throws.InvalidOperationException);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
