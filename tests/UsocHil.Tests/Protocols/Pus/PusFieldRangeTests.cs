using UsocHil.Description;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;

namespace UsocHil.Tests.Protocols.Pus;

/// <summary>The encoder refuses every header field out of its range by name, instead of writing its low bits.</summary>
public sealed class PusFieldRangeTests
{
    private static readonly PusCodec Codec = new(new MissionProfile { Time = "cuc-2-1" });

    [TestCase("apid", 2048L)]
    [TestCase("apid", 2047L, Description = "the idle APID carries no PUS packet")]
    [TestCase("apid", 65535L)]
    [TestCase("sequenceFlags", 7L)]
    [TestCase("sequenceFlags", 4L)]
    [TestCase("sequenceCount", 16384L)]
    [TestCase("sequenceCount", 65535L)]
    [TestCase("ackFlags", 16L)]
    [TestCase("ackFlags", 255L)]
    [TestCase("timeReferenceStatus", 16L)]
    [TestCase("time.coarse", 65536L, Description = "cuc-2-1: two coarse octets")]
    [TestCase("time.fine", 256L, Description = "cuc-2-1: one fine octet")]
    public void Encode_HeaderFieldOutOfRange_ThrowsNamingTheField(string field, long value)
    {
        PusPacket packet = With(field, value);

        var e = Assert.Throws<PacketFieldException>(() => Codec.Encode(packet));

        Assert.That(e!.Field, Is.EqualTo(field));
        Assert.That(e.Message, Does.StartWith($"header field {field}: {value} is outside "));
    }

    [TestCase("apid", 2046L)]
    [TestCase("sequenceFlags", 3L)]
    [TestCase("sequenceCount", 16383L)]
    [TestCase("ackFlags", 15L)]
    [TestCase("timeReferenceStatus", 15L)]
    [TestCase("time.coarse", 65535L)]
    [TestCase("time.fine", 255L)]
    public void Encode_HeaderFieldAtTheTopOfItsRange_RoundTrips(string field, long value)
    {
        PusPacket packet = With(field, value);

        Assert.That(Codec.Decode(Codec.Encode(packet)), Is.EqualTo(packet));
    }

    private static PusPacket With(string field, long value)
    {
        var tc = new Telecommand { Apid = 100, Service = 17, Subtype = 1 };
        var tm = new Telemetry { Apid = 100, Service = 3, Subtype = 25, Time = new CucTime(1, 0, 2, 1) };
        return field switch
        {
            "apid" => tc with { Apid = (ushort)value },
            "sequenceFlags" => tc with { SequenceFlags = (SequenceFlags)value },
            "sequenceCount" => tc with { SequenceCount = (ushort)value },
            "ackFlags" => tc with { AckFlags = (AckFlags)value },
            "timeReferenceStatus" => tm with { TimeReferenceStatus = (byte)value },
            "time.coarse" => tm with { Time = tm.Time with { Coarse = (ulong)value } },
            "time.fine" => tm with { Time = tm.Time with { Fine = (UInt128)value } },
            _ => throw new ArgumentException(field),
        };
    }
}
