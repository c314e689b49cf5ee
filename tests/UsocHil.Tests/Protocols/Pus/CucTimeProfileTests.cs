using UsocHil.Description;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;

namespace UsocHil.Tests.Protocols.Pus;

/// <summary>
/// CUC times (CCSDS 301.0-B-4 §3.2) with the TAI and an agency-defined epoch, with and without the P-field, and with
/// its extension octet, decoded from packets built octet by octet here. The expected P-fields are written out bit by
/// bit from the standard; the expected seconds are summed in decimal from the octets (coarse: base-256 integer; fine:
/// octet j weighs 256^-(j+1)).
/// </summary>
public sealed class CucTimeProfileTests
{
    private static readonly DateTimeOffset Tai1958 = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // P-field octet 1: extension flag (1 bit) | time code ID (3: 001 TAI, 010 agency) | coarse octets - 1 (2) | fine octets (2)
    // extension octet: further extension (1) | additional coarse octets (2) | additional fine octets (3) | reserved (2)
    [TestCase("cuc-4-2", "tai", true, new byte[] { 0b0_001_11_10 }, new byte[] { 0x12, 0x34, 0x56, 0x78 }, new byte[] { 0x80, 0x00 })]
    [TestCase("cuc-1-0", "tai", true, new byte[] { 0b0_001_00_00 }, new byte[] { 0xFE }, new byte[0])]
    [TestCase("cuc-3-3", "tai", false, new byte[0], new byte[] { 0x01, 0x00, 0x01 }, new byte[] { 0xC0, 0x00, 0x01 })]
    [TestCase("cuc-4-2", "2000-01-01T12:00:00Z", true, new byte[] { 0b0_010_11_10 }, new byte[] { 0x2B, 0x9A, 0x4E, 0x80 }, new byte[] { 0x40, 0x00 })]
    [TestCase("cuc-2-1", "2020-06-01", false, new byte[0], new byte[] { 0x0E, 0x10 }, new byte[] { 0x20 })]
    [TestCase("cuc-7-10", "tai", true, new byte[] { 0b1_001_11_11, 0b0_11_111_00 }, new byte[] { 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x01 }, new byte[] { 0x80, 0x40, 0x20, 0x10, 0x08, 0x04, 0x02, 0x01, 0x00, 0xFF })]
    [TestCase("cuc-5-1", "2000-01-01T12:00:00Z", true, new byte[] { 0b1_010_11_01, 0b0_01_000_00 }, new byte[] { 0x01, 0x00, 0x00, 0x00, 0x00 }, new byte[] { 0x01 })]
    [TestCase("cuc-2-6", "tai", true, new byte[] { 0b1_001_01_11, 0b0_00_011_00 }, new byte[] { 0x00, 0x3C }, new byte[] { 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 })]
    [TestCase("cuc-6-0", "tai", false, new byte[0], new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x00 }, new byte[0])]
    public void Decode_CucTime_GivesTheSecondsTheOctetsStandFor(string time, string epoch, bool pField, byte[] expectedPField, byte[] coarse, byte[] fine)
    {
        var codec = new PusCodec(new MissionProfile { Time = time, TimeEpoch = epoch, TimeExplicitPField = pField, TmMessageTypeCounter = false, TmDestinationId = false, ErrorControl = "none" });
        Assert.That(codec.Layout.PFieldLength, Is.EqualTo(expectedPField.Length));
        if (pField)
        {
            Assert.That(codec.Layout.PFieldOctets, Is.EqualTo(expectedPField));
        }

        byte[] packet = Packet([.. expectedPField, .. coarse, .. fine, 0xAB]);

        Telemetry tm = codec.DecodeTelemetry(packet);

        decimal seconds = coarse.Aggregate(0m, (sum, b) => sum * 256 + b);
        decimal weight = 1m;
        foreach (byte b in fine)
        {
            weight /= 256;
            seconds += b * weight;
        }

        Assert.That(tm.Time.SecondsSinceEpoch, Is.EqualTo((double)seconds).Within(Math.Max(1e-9, (double)seconds * 1e-15)));
        Assert.That(tm.Time.CoarseOctets, Is.EqualTo(coarse.Length));
        Assert.That(tm.Time.FineOctets, Is.EqualTo(fine.Length));
        Assert.That(tm.ApplicationData.ToArray(), Is.EqualTo(new byte[] { 0xAB }));
        if (epoch == "tai")
        {
            Assert.That(tm.Time.AgencyEpoch, Is.Null);
        }
        else
        {
            DateTimeOffset agency = DateTimeOffset.Parse(epoch, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
            Assert.That(tm.Time.AgencyEpoch, Is.EqualTo(agency));
            if (seconds < 1e9m)
            {
                Assert.That(tm.Time.ToUtc(), Is.EqualTo(agency.AddTicks((long)(seconds * TimeSpan.TicksPerSecond))).Within(TimeSpan.FromMilliseconds(1)));
            }
        }

        Assert.That(codec.Encode(tm), Is.EqualTo(packet), "re-encodes to its own octets");
    }

    [Test]
    public void Decode_TaiCucTime_ToUtcIsTheEpochPlusSecondsLessTheLeapSeconds()
    {
        var codec = new PusCodec(new MissionProfile { Time = "cuc-4-0", TmMessageTypeCounter = false, TmDestinationId = false, ErrorControl = "none" });
        // 2026-01-01T00:00:00Z is 68 years after 1958 (17 leap days): 24837 days; TAI runs 37 s ahead of UTC.
        ulong seconds = 24_837UL * 86_400 + 37;
        byte[] packet = Packet([0b0_001_11_00, (byte)(seconds >> 24), (byte)(seconds >> 16), (byte)(seconds >> 8), (byte)seconds]);

        Telemetry tm = codec.DecodeTelemetry(packet);

        Assert.That(tm.Time.ToUtc(), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(Tai1958.AddDays(24_837), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [TestCase("tai", 0b0_010_11_10, Description = "an agency-epoch time under a TAI profile")]
    [TestCase("2000-01-01", 0b0_001_11_10, Description = "a TAI time under an agency-epoch profile")]
    public void Decode_PFieldOfTheOtherEpoch_RefusedNamingTimePField(string epoch, int pField)
    {
        var codec = new PusCodec(new MissionProfile { Time = "cuc-4-2", TimeEpoch = epoch, TmMessageTypeCounter = false, TmDestinationId = false, ErrorControl = "none" });

        Assert.That(() => codec.DecodeTelemetry(Packet([(byte)pField, 0, 0, 0, 1, 0, 0])),
            Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("time_pfield"));
    }

    [Test]
    public void Decode_ExtendedPFieldWhoseExtensionDiffers_RefusedNamingTimePField()
    {
        var codec = new PusCodec(new MissionProfile { Time = "cuc-5-1", TmMessageTypeCounter = false, TmDestinationId = false, ErrorControl = "none" });

        Assert.That(() => codec.DecodeTelemetry(Packet([0b1_001_11_01, 0b0_10_000_00, 0, 0, 0, 0, 1, 0])),
            Throws.TypeOf<PacketDecodeException>().With.Property("Field").EqualTo("time_pfield").And.Message.Contains("9D20"));
    }

    [TestCase("cuc-8-0", "time")]
    [TestCase("cuc-1-11", "time")]
    [TestCase("cuc-0-2", "time")]
    [TestCase("cuc-4-2", "timeEpoch", "yesterday")]
    [TestCase("cuc-4-2", "timeEpoch", "01/02/2000")]
    public void Layout_ProfileOutsideTheStandard_RefusedNamingTheField(string time, string field, string epoch = "tai")
    {
        Assert.That(() => new PusLayout(new MissionProfile { Time = time, TimeEpoch = epoch }),
            Throws.ArgumentException.With.Message.Contains($"profile {field} '"));
    }

    [Test]
    public void FromUtc_AgencyEpoch_CountsSecondsFromThatEpoch()
    {
        var layout = new PusLayout(new MissionProfile { Time = "cuc-4-2", TimeEpoch = "2000-01-01T12:00:00Z" });

        CucTime time = layout.TimeFromUtc(new DateTimeOffset(2000, 1, 2, 12, 0, 0, 500, TimeSpan.Zero));

        Assert.That((time.Coarse, time.Fine, time.TimeCodeId), Is.EqualTo((86_400UL, (UInt128)0x8000, 0b010)));
    }

    /// <summary>A TM packet (APID 100, service 3/25) with no counter, destination or PEC, whose time field starts at octet 9.</summary>
    private static byte[] Packet(byte[] afterServiceType)
    {
        byte[] packet = [0x08, 0x64, 0xC0, 0x00, 0, 0, 0x20, 3, 25, .. afterServiceType];
        int dataLength = packet.Length - SpacePacketHeader.Size - 1;
        packet[4] = (byte)(dataLength >> 8);
        packet[5] = (byte)dataLength;
        return packet;
    }
}
