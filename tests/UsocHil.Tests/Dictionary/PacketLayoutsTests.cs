using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Dictionary;

/// <summary>Packet layouts by inheritance and restriction: a plain CCSDS header, then the layout of the APID, then a mode.</summary>
public sealed class PacketLayoutsTests
{
    private static ParameterDefinition P(int id, string name, string type) => new() { Id = id, Name = name, Type = type };

    private static RigDictionary Dictionary() => new()
    {
        Parameters =
        [
            P(1, "VERSION", "uint3"), P(2, "TYPE", "bool"), P(3, "SEC_HDR", "bool"), P(4, "APID", "uint11"),
            P(5, "SEQ_FLAGS", "uint2"), P(6, "SEQ_COUNT", "uint14"), P(7, "LENGTH", "uint16"),
            P(8, "MODE", "uint4") with { Enum = new Dictionary<string, string> { ["2"] = "SCIENCE" } },
            P(9, "TEMP", "int12") with { Spline = [[-2048, -100], [0, 20], [2047, 40]], Unit = "degC" },
            P(10, "GAIN", "float32"),
            P(11, "COUNTS", "uint24"),
        ],
        Packets =
        [
            new PacketDefinition { Name = "CCSDS", Abstract = true, Entries = [.. new[] { "VERSION", "TYPE", "SEC_HDR", "APID", "SEQ_FLAGS", "SEQ_COUNT", "LENGTH" }.Select(n => new PacketEntryDefinition { Parameter = n })] },
            new PacketDefinition
            {
                Name = "INSTRUMENT", Base = "CCSDS", Abstract = true,
                Restrictions = [new RestrictionDefinition { Parameter = "APID", Value = 42 }, new RestrictionDefinition { Parameter = "TYPE", Value = 0 }],
                Entries = [new PacketEntryDefinition { Parameter = "MODE" }, new PacketEntryDefinition { Parameter = "TEMP" }],
            },
            new PacketDefinition
            {
                Name = "SCIENCE", Base = "INSTRUMENT",
                Restrictions = [new RestrictionDefinition { Parameter = "MODE", Value = 2 }],
                Entries = [new PacketEntryDefinition { Parameter = "GAIN" }, new PacketEntryDefinition { Parameter = "COUNTS", Offset = 4 }],
            },
            new PacketDefinition { Name = "HOUSEKEEPING", Base = "INSTRUMENT", Restrictions = [new RestrictionDefinition { Parameter = "MODE", Value = 2, Operator = "!=" }] },
        ],
    };

    /// <summary>APID 42, count 7; MODE 2, TEMP -1024 (raw), GAIN 1.5, 4 bits of gap, COUNTS 0xABCDEF.</summary>
    private static byte[] Science(int mode = 2, int apid = 42)
    {
        var packet = new byte[17];
        packet[0] = (byte)(0x08 | apid >> 8);
        packet[1] = (byte)apid;
        packet[2] = 0xC0;
        packet[3] = 7;
        packet[5] = (byte)(packet.Length - 7);
        // MODE (4 bits) and TEMP (12 bits): 0x2 and 0xC00 (-1024).
        packet[6] = (byte)(mode << 4 | 0xC);
        packet[7] = 0x00;
        BitConverter.GetBytes(BitConverter.SingleToUInt32Bits(1.5f)).Reverse().ToArray().CopyTo(packet, 8);
        // 4 bits of gap then 24 bits of counts.
        packet[12] = 0x0A;
        packet[13] = 0xBC;
        packet[14] = 0xDE;
        packet[15] = 0xF0;
        return packet;
    }

    [Test]
    public void Decode_ScienceMode_EndsInTheLeafItsRestrictionsChoose()
    {
        DecodedPacket packet = new PacketLayouts(Dictionary()).Decode(Science());

        Assert.That(packet.Layout, Is.EqualTo("SCIENCE"));
        Assert.That(packet.Fields.Select(f => f.Parameter.Name), Is.EqualTo(new[] { "VERSION", "TYPE", "SEC_HDR", "APID", "SEQ_FLAGS", "SEQ_COUNT", "LENGTH", "MODE", "TEMP", "GAIN", "COUNTS" }));
        var values = packet.Fields.ToDictionary(f => f.Parameter.Name, f => f.Value);
        Assert.That(values["APID"].Raw, Is.EqualTo(42));
        Assert.That(values["SEQ_COUNT"].Raw, Is.EqualTo(7));
        Assert.That(values["MODE"].Label, Is.EqualTo("SCIENCE"));
        Assert.That(values["TEMP"].Raw, Is.EqualTo(-1024));
        Assert.That(values["TEMP"].Value, Is.EqualTo(-40));
        Assert.That(values["GAIN"].Value, Is.EqualTo(1.5));
        Assert.That(values["COUNTS"].Raw, Is.EqualTo(0xABCDEF));
    }

    [Test]
    public void Decode_OtherMode_TakesTheSiblingWhoseRestrictionHolds()
    {
        Assert.That(new PacketLayouts(Dictionary()).Decode(Science(mode: 1)).Layout, Is.EqualTo("HOUSEKEEPING"));
    }

    [Test]
    public void Decode_UnknownApid_EndsInAnAbstractLayoutAndIsRefused()
    {
        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Dictionary()).Decode(Science(apid: 43)))!;

        Assert.That(error.Message, Does.Contain("no layout under CCSDS matches"));
    }

    [Test]
    public void Decode_TooShortForItsLayout_NamesTheField()
    {
        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Dictionary()).Decode(Science().AsSpan(0, 14)))!;

        Assert.That(error.Field, Is.EqualTo("COUNTS"));
    }

    [Test]
    public void Compile_RestrictionOnALaterField_IsRefused()
    {
        RigDictionary dictionary = Dictionary();
        dictionary = dictionary with { Packets = [.. dictionary.Packets.Select(p => p.Name == "SCIENCE" ? p with { Restrictions = [new RestrictionDefinition { Parameter = "GAIN", Value = 1 }] } : p)] };

        var error = Assert.Throws<ArgumentException>(() => _ = new PacketLayouts(dictionary))!;

        Assert.That(error.Message, Does.Contain("restricted on GAIN, which is not a field before it"));
    }

    [Test]
    public void Spline_BetweenAndBeyondItsPoints_IsPiecewiseLinear()
    {
        IReadOnlyList<IReadOnlyList<double>> points = [[0, 0], [10, 100], [20, 150]];

        Assert.That(UsocHil.Dictionary.Calibration.Spline(points, 5), Is.EqualTo(50));
        Assert.That(UsocHil.Dictionary.Calibration.Spline(points, 15), Is.EqualTo(125));
        Assert.That(UsocHil.Dictionary.Calibration.Spline(points, 30), Is.EqualTo(200));
        Assert.That(UsocHil.Dictionary.Calibration.Spline(points, -1), Is.EqualTo(-10));
    }

    [Test]
    public void Split_ConcatenatedPackets_AndRefusesATruncatedTail()
    {
        byte[] one = Science();
        using var stream = new MemoryStream([.. one, .. one, .. one[..10]]);
        var packets = new List<long>();

        var error = Assert.Throws<PacketDecodeException>(() =>
        {
            foreach ((long offset, byte[] _) in SpacePacketSplitter.Split(stream))
            {
                packets.Add(offset);
            }
        })!;

        Assert.That(packets, Is.EqualTo(new long[] { 0, 17 }));
        Assert.That(error.Message, Does.Contain("stream offset 34"));
    }
}
