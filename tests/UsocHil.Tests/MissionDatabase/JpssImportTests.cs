using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Real flight telemetry: the JPSS-1 XTCE imports, the imported layout agrees with ccsdspy's independent one field
/// for field, and it decodes the recorded level-zero file packet for packet.
/// </summary>
public sealed class JpssImportTests
{
    private static string Jpss => Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "jpss1");

    private static DatabaseImport Import(string file = "jpss1_geolocation_xtce_v1.xml") =>
        XtceImporter.Import([Path.Combine(Jpss, file)], "jpss1");

    [Test]
    public void Import_Jpss1_LosesNothingButItsHeader()
    {
        DatabaseImport imported = Import();

        Assert.That(imported.Report.Entries.Where(e => e.Outcome != ImportOutcome.Imported).Select(e => e.Element), Is.EqualTo(new[] { "Header" }));
        Assert.That(imported.Rig.Apid, Is.EqualTo(11));
        Assert.That(imported.Rig.Dictionary.Packets.Select(p => p.Name), Is.EqualTo(new[] { "CCSDSPacket", "CCSDSTelemetryPacket", "SecondaryHeaderContainer", "JPSS_ATT_EPHEM" }));
    }

    [Test]
    public void Import_Jpss1_AgreesWithTheIndependentCcsdspyLayoutFieldForField()
    {
        RigDefinition rig = Import().Rig;
        var layout = File.ReadAllLines(Path.Combine(Jpss, "ccsdspy_jpss1_geolocation.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Name: f[0], Type: f[1], Bits: int.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        var parameters = rig.Dictionary.Parameters.ToDictionary(p => p.Name);
        // ccsdspy lays out the data field after the 6-octet primary header, which it decodes itself.
        var imported = rig.Dictionary.Packets.Single(p => p.Name == "JPSS_ATT_EPHEM").Entries
            .Select(e => FieldType.Parse(parameters[e.Parameter].Type))
            .Zip(rig.Dictionary.Packets.Single(p => p.Name == "JPSS_ATT_EPHEM").Entries, (type, entry) => (entry.Parameter, Kind: type.Kind switch
            {
                FieldKind.Unsigned => "uint",
                FieldKind.Signed => "int",
                FieldKind.Float => "float",
                _ => "bool",
            }, type.Bits, entry.Offset))
            .ToList();

        Assert.That(imported.Select(f => (f.Parameter, f.Kind, f.Bits)), Is.EqualTo(layout.Select(f => (f.Name, f.Type, f.Bits))));
        Assert.That(imported.Select(f => f.Offset), Has.All.Zero, "no gaps between fields");
    }

    [Test]
    public void DecodeValues_FlightFile_GivesDecodesValuesAndLayoutForEveryPacket()
    {
        var layouts = new PacketLayouts(Import().Rig.Dictionary);
        using FileStream stream = File.OpenRead(Path.Combine(Jpss, "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1"));
        var raw = new double[64];
        var engineering = new double[64];
        int packets = 0;

        foreach ((_, byte[] packet) in SpacePacketSplitter.Split(stream))
        {
            DecodedPacket decoded = layouts.Decode(packet);
            string layout = layouts.DecodeValues(packet, raw, engineering, out int count);

            Assert.That(layout, Is.EqualTo(decoded.Layout));
            Assert.That(raw[..count], Is.EqualTo(decoded.Fields.Select(f => f.Value.Raw)));
            Assert.That(engineering[..count], Is.EqualTo(decoded.Fields.Select(f => f.Value.Value)));
            packets++;
        }

        Assert.That(packets, Is.EqualTo(7200));
        Assert.That(() => layouts.DecodeValues(new byte[8], raw, engineering, out _), Throws.TypeOf<PacketDecodeException>());
    }

    [Test]
    public void Decode_FlightFile_Is7200Apid11Version0PacketsWithNoOctetLeftOver()
    {
        var layouts = new PacketLayouts(Import().Rig.Dictionary);
        using FileStream stream = File.OpenRead(Path.Combine(Jpss, "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1"));
        var containers = new HashSet<string>();
        var apids = new HashSet<double>();
        var versions = new HashSet<double>();
        long octets = 0;
        int packets = 0;

        foreach ((long offset, byte[] packet) in SpacePacketSplitter.Split(stream))
        {
            DecodedPacket decoded = layouts.Decode(packet);
            var values = decoded.Fields.ToDictionary(f => f.Parameter.Name, f => f.Value.Raw);
            containers.Add(decoded.Layout);
            apids.Add(values["PKT_APID"]);
            versions.Add(values["VERSION"]);
            Assert.That(offset, Is.EqualTo(octets));
            Assert.That(values["PKT_LEN"] + 7, Is.EqualTo(packet.Length));
            octets += packet.Length;
            packets++;
        }

        Assert.That(packets, Is.EqualTo(7200));
        Assert.That(octets, Is.EqualTo(new FileInfo(Path.Combine(Jpss, "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1")).Length));
        Assert.That(apids, Is.EqualTo(new[] { 11.0 }));
        Assert.That(versions, Is.EqualTo(new[] { 0.0 }));
        Assert.That(containers, Is.EqualTo(new[] { "JPSS_ATT_EPHEM" }));
    }

    [Test]
    public void Decode_ContrivedInheritance_ChoosesTheLeafForEveryPacketAndReadsTheSameValues()
    {
        var plain = new PacketLayouts(Import().Rig.Dictionary);
        var contrived = new PacketLayouts(Import("contrived_inheritance_structure.xml").Rig.Dictionary);
        using FileStream stream = File.OpenRead(Path.Combine(Jpss, "J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1"));

        foreach ((long _, byte[] packet) in SpacePacketSplitter.Split(stream).Take(500))
        {
            DecodedPacket expected = plain.Decode(packet);
            DecodedPacket actual = contrived.Decode(packet);

            Assert.That(actual.Layout, Is.EqualTo("JPSS_ATT_EPHEM"));
            Assert.That(actual.Fields.Select(f => (f.Parameter.Name, f.Value.Raw)), Is.EqualTo(expected.Fields.Select(f => (f.Parameter.Name, f.Value.Raw))));
        }
    }

    [Test]
    public void Import_SameDatabaseWithoutItsNamespace_GivesTheSameDictionary()
    {
        string lasp = Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "lasp");
        RigDictionary spaced = XtceImporter.Import([Path.Combine(lasp, "test_xtce.xml")], "x").Rig.Dictionary;
        RigDictionary bare = XtceImporter.Import([Path.Combine(lasp, "test_xtce_no_namespace.xml")], "x").Rig.Dictionary;

        Assert.That(RigJsonOf(bare), Is.EqualTo(RigJsonOf(spaced)));
        Assert.That(spaced.Packets, Is.Not.Empty);
    }

    private static string RigJsonOf(RigDictionary dictionary) =>
        RigJson.Write(new RigDefinition { Name = "x", Apid = 0, Dictionary = dictionary });
}
