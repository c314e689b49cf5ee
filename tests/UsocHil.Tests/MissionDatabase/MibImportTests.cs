using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>The only public SCOS-2000 MIB (SpacePyLibrary's test environment): 11 packets, 17 parameters, 21 commands.</summary>
public sealed class MibImportTests
{
    private static string Mib => Path.Combine(RepositoryPaths.TestData, "mdb", "mib", "spacepy-testenv");

    private static DatabaseImport Import() => MibImporter.Import(Path.Combine(Mib, "ASCII"), "spacepy");

    [Test]
    public void Import_AccountsForEveryPacketParameterAndCommandRow()
    {
        DatabaseImport imported = Import();
        var entries = imported.Report.Entries;

        Assert.That(entries.Count(e => e.Element == "PID" && e.Outcome == ImportOutcome.Imported), Is.EqualTo(11));
        Assert.That(imported.Rig.Dictionary.Packets.Count(p => !p.Abstract), Is.EqualTo(11));
        Assert.That(entries.Count(e => e.Element == "PCF"), Is.EqualTo(17));
        Assert.That(entries.Where(e => e is { Element: "PCF", Outcome: ImportOutcome.Dropped }), Is.Empty);
        Assert.That(imported.Rig.Dictionary.Parameters.Single(p => p.Name == "PAR10").Type, Is.EqualTo("string8"), "PTC 8, PFC 8: a character string of 8 octets");
        Assert.That(entries.Count(e => e.Element == "CCF"), Is.EqualTo(21));
        Assert.That(entries.Count(e => e.Element == "CCF" && e.How!.StartsWith("no PUS header", StringComparison.Ordinal)), Is.EqualTo(16));
        Assert.That(imported.Rig.Dictionary.Commands.Select(c => (c.Name, c.Service, c.Subtype)), Is.EqualTo(new[] { ("TESTCMD", 17, 1) }));
        Assert.That(entries.Single(e => e.Location == "ccf.dat:1").How, Does.Contain("argument PAR1 is 1 bit(s)"));
        Assert.That(imported.Rig.Apid, Is.EqualTo(1234));
    }

    [Test]
    public void Import_WritesARigThatLoads()
    {
        string rigFile = Path.Combine(Path.GetTempPath(), $"usochil-mib-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(rigFile, RigJson.Write(Import().Rig));

            RigDefinition rig = RigLoader.Load(rigFile);

            Assert.That(rig.Dictionary.Packets.Single(p => p.Name == "TM_PKT1").Entries.Select(e => e.Parameter), Is.EqualTo(new[] { "PAR1", "PAR2", "PAR3", "PAR4", "PAR5", "PAR6", "PAR7", "PAR8", "PAR9", "PAR10", "PAR11", "PAR12" }));
        }
        finally
        {
            File.Delete(rigFile);
        }
    }

    [Test]
    public void Decode_AcceptanceReport_IsIdentifiedByApidTypeAndSubtype()
    {
        var layouts = new PacketLayouts(Import().Rig.Dictionary);
        // TM[1,7] (ACK4) from APID 1234: 18 octets of headers, then TC_ID 0x1234 and TC_SSC 42.
        byte[] packet = new byte[22];
        packet[0] = 0x0C | (1234 >> 8);
        packet[1] = 1234 & 0xFF;
        packet[2] = 0xC0;
        packet[3] = 5;
        packet[5] = (byte)(packet.Length - 7);
        packet[6] = 0x10;
        packet[7] = 1;
        packet[8] = 7;
        packet[18] = 0x12;
        packet[19] = 0x34;
        packet[21] = 42;

        DecodedPacket decoded = layouts.Decode(packet);

        Assert.That(decoded.Layout, Is.EqualTo("ACK4"));
        var values = decoded.Fields.ToDictionary(f => f.Parameter.Name, f => f.Value.Raw);
        Assert.That(values["TC_ID"], Is.EqualTo(0x1234));
        Assert.That(values["TC_SSC"], Is.EqualTo(42));
        Assert.That(values["CCSDS_SEQ_COUNT"], Is.EqualTo(5));
    }

    [Test]
    public void Decode_HexReplayPackets_AreTm3_25ButShorterThanTheMibsLayout()
    {
        var layouts = new PacketLayouts(Import().Rig.Dictionary);
        string[] hex = [.. File.ReadAllLines(Path.Combine(Mib, "tmFiles", "TMpackets3.txt")).Where(l => l.Length > 0 && char.IsAsciiHexDigit(l[0]) && !l.StartsWith('#'))];

        Assert.That(hex, Has.Length.EqualTo(4));
        foreach (string line in hex)
        {
            byte[] packet = Convert.FromHexString(line);
            Assert.That(SpacePacketHeader.Read(packet).PacketLength, Is.EqualTo(packet.Length));
            // The replay file predates PAR11 and PAR12 in the PLF: its 33 octets end where PAR11 would start.
            var error = Assert.Throws<PacketDecodeException>(() => layouts.Decode(packet))!;
            Assert.That(error.Field, Is.EqualTo("PAR11"));
            Assert.That(error.Offset, Is.EqualTo(31));
        }
    }

    [Test]
    public void Import_NotAMib_IsOneLine()
    {
        Assert.That(() => MibImporter.Import(Path.Combine(RepositoryPaths.TestData, "mdb", "xtce"), "x"), Throws.TypeOf<MissionDatabaseException>().With.Message.Contains("no pcf.dat"));
    }
}
