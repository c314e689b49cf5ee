using System.Text.Json.Nodes;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Tests.Support;

namespace UsocHil.Tests.Protocols.Ccsds;

/// <summary>Idle packets (CCSDS 133.0-B-2: APID 2047, all ones; no secondary header; the data field is fill to be ignored).</summary>
public sealed class IdlePacketTests
{
    // version 000, type 0, secondary header flag 0, APID 111 1111 1111; unsegmented, count 5; 10 octets of fill that look like PUS-C
    private const string Idle = "07FFC005" + "0009" + "2003190001000200AAAA";

    [Test]
    public void IsIdle_Apid2047WithoutSecondaryHeader_True()
    {
        byte[] packet = Convert.FromHexString(Idle);

        Assert.That(PusCodec.IsIdle(packet), Is.True);
        Assert.That(SpacePacketHeader.Read(packet).IsIdle, Is.True);
    }

    [TestCase("0864C0050009" + "2003190001000200AAAA", Description = "APID 100")]
    [TestCase("0FFFC0050009" + "2003190001000200AAAA", Description = "APID 2047 with the secondary header flag set")]
    [TestCase("07FFC005000A" + "2003190001000200AAAA", Description = "length announces one octet more than given")]
    [TestCase("07FFC0", Description = "shorter than a primary header")]
    public void IsIdle_AnythingElse_False(string hex)
    {
        Assert.That(PusCodec.IsIdle(Convert.FromHexString(hex)), Is.False);
    }

    [Test]
    public void Decode_IdlePacket_RefusedAsIdleNotReadAsPus()
    {
        var e = Assert.Throws<PacketDecodeException>(() => PusCodec.UsocHilDefault.Decode(Convert.FromHexString(Idle), requireValidPec: false));

        Assert.That(e!.Field, Is.EqualTo("apid"));
        Assert.That(e.Message, Does.Contain("idle packet"));
    }

    [Test]
    public async Task PacketDecode_IdlePacket_PrintsItIdleWithoutSecondaryHeader()
    {
        CliResult result = await CliRunner.RunAsync("packet", "decode", Idle);

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        JsonNode document = JsonNode.Parse(result.Output)!;
        Assert.That(document["idle"]!.GetValue<bool>(), Is.True);
        Assert.That(document["primaryHeader"]!["apid"]!.GetValue<int>(), Is.EqualTo(2047));
        Assert.That(document["primaryHeader"]!["sequenceCount"]!.GetValue<int>(), Is.EqualTo(5));
        Assert.That(document["idleData"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(document["secondaryHeader"], Is.Null);
        Assert.That(document["service"], Is.Null);
    }
}
