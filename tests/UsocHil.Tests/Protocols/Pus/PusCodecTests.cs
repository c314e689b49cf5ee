using UsocHil.Protocols.Pus;
using UsocHil.Description;
using UsocHil.Framing;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Protocols.Pus;

public sealed class PusCodecTests
{
    private static readonly PusCodec Default = PusCodec.UsocHilDefault;

    [Test]
    public void Encode_TelemetryUnderDefaultProfile_HasPField1EAndCrc()
    {
        var tm = new Telemetry
        {
            Apid = 100, SequenceCount = 7, Service = 3, Subtype = 25, MessageTypeCounter = 9, DestinationId = 1,
            Time = new CucTime(0x01020304, 0x8000), ApplicationData = new byte[] { 1, 0xAA },
        };

        byte[] bytes = Default.Encode(tm);

        Assert.That(Convert.ToHexString(bytes.AsSpan(0, 22)), Is.EqualTo("0864C0070011" + "2003190009" + "0001" + "1E010203048000" + "01AA"));
        Assert.That(bytes, Has.Length.EqualTo(24));
        Assert.That(Crc16CcittFalse.Compute(bytes), Is.Zero);
        Assert.That(Default.DecodeTelemetry(bytes).Time.SecondsSinceEpoch, Is.EqualTo(0x01020304 + 0.5));
    }

    [Test]
    public void Decode_PusA_ThrowsNamingPusVersionAtOffset6()
    {
        // TC, APID 16, PUS version 1 (PUS-A) in the secondary header's first nibble.
        byte[] bytes = Convert.FromHexString("1810C050000611080120210000");

        var e = Assert.Throws<PacketDecodeException>(() => Default.Decode(bytes));

        Assert.That(e!.Field, Is.EqualTo("pus_version"));
        Assert.That(e.Offset, Is.EqualTo(6));
        Assert.That(e.Message, Does.Contain("PUS-A"));
    }

    [TestCase("1802C03400062F11010000EE", Description = "one octet short")]
    [TestCase("1802C03400062F11010000EE6300", Description = "one octet long")]
    public void Decode_LengthFieldDisagreesWithBytes_ThrowsNamingDataLengthAtOffset4(string hex)
    {
        var e = Assert.Throws<PacketDecodeException>(() => Default.Decode(Convert.FromHexString(hex)));

        Assert.That(e!.Field, Is.EqualTo("data_length"));
        Assert.That(e.Offset, Is.EqualTo(4));
    }

    [Test]
    public void Decode_BadCrc_ThrowsNamingPecAtItsOffset()
    {
        byte[] bytes = Convert.FromHexString("1802C03400062F11010000EE64");

        var e = Assert.Throws<PacketDecodeException>(() => Default.Decode(bytes));

        Assert.That((e!.Field, e.Offset), Is.EqualTo(("pec", 11)));
        Assert.That(Default.CheckPec(bytes), Is.False);
        Assert.That(Default.Decode(bytes, requireValidPec: false).Service, Is.EqualTo(17));
    }

    [Test]
    public void Decode_LengthAboveProfileMaximum_ThrowsBeforeLookingFurther()
    {
        var codec = new PusCodec(MissionProfile.UsocHilDefault with { MaxPacketLength = 64 });
        byte[] bytes = new byte[6];
        bytes[0] = 0x18;
        bytes[4] = 0xFF;

        var e = Assert.Throws<PacketDecodeException>(() => codec.Decode(bytes));

        Assert.That(e!.Field, Is.EqualTo("data_length"));
    }

    [Test]
    public void DecodeTelecommand_GivenTelemetry_ThrowsNamingType()
    {
        byte[] tm = Default.Encode(new Telemetry { Apid = 1, Service = 17, Subtype = 2 });

        Assert.That(() => Default.DecodeTelecommand(tm), Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("type"));
    }

    [Test]
    public void Decode_PFieldOfAnotherFormat_ThrowsNamingTimePField()
    {
        byte[] tm = Default.Encode(new Telemetry { Apid = 1, Service = 17, Subtype = 2 });
        tm[13] = 0x2E;

        var e = Assert.Throws<PacketDecodeException>(() => Default.Decode(tm, requireValidPec: false));

        Assert.That((e!.Field, e.Offset), Is.EqualTo(("time_pfield", 13)));
    }

    [Test]
    public void RequestId_OfTelecommand_IsItsFirstFourOctets()
    {
        var tc = new Telecommand { Apid = 100, SequenceCount = 300, Service = 17, Subtype = 1 };
        byte[] bytes = Default.Encode(tc);

        Assert.That(tc.RequestId, Is.EqualTo(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes)));
    }

    [TestCase(0.0, 0u, 0u)]
    [TestCase(1.5, 1u, 32768u)]
    [TestCase(2.9999999, 3u, 0u)]
    public void CucTimeFromSeconds_Value_RoundsToNearestFraction(double seconds, uint coarse, uint fine) =>
        Assert.That(CucTime.FromSeconds(seconds), Is.EqualTo(new CucTime(coarse, fine)));
}
