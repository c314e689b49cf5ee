using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Xtce;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Fixed-length strings (<c>stringN</c>) and blocks of octets (<c>bytesN</c>): parsed, decoded at any bit offset,
/// imported from XTCE (BogusSAT-1's fault message and MD5 sum) and from a MIB (PTC 8 and 7), and back the same.
/// </summary>
public sealed class BlockParameterTests
{
    [TestCase("string16", FieldKind.Text, 128)]
    [TestCase("bytes4", FieldKind.Octets, 32)]
    [TestCase("STRING65536", FieldKind.Text, 524288)]
    public void Parse_Blocks(string text, FieldKind kind, int bits)
    {
        Assert.That(FieldType.Parse(text), Is.EqualTo(new FieldType(kind, bits)));
        Assert.That(FieldType.Parse(text).ToString(), Is.EqualTo(text.ToLowerInvariant()));
        Assert.That(FieldType.Parse(text).WireType, Is.Null, "no PUS service carries them");
    }

    [TestCase("string0")]
    [TestCase("bytes65537")]
    [TestCase("strings")]
    [TestCase("bytes04")]
    public void Parse_NoBlock(string text) => Assert.That(FieldType.TryParse(text, out _), Is.False);

    [Test]
    public void Decode_TextAndOctetsAtAnOddBit_ReadAsTheyStand()
    {
        var dictionary = new RigDictionary
        {
            Parameters =
            [
                new ParameterDefinition { Id = 1, Name = "NIBBLE", Type = "uint4" },
                new ParameterDefinition { Id = 2, Name = "MESSAGE", Type = "string6" },
                new ParameterDefinition { Id = 3, Name = "DIGEST", Type = "bytes2" },
            ],
            Packets = [new PacketDefinition { Name = "FAULT", Entries = [new() { Parameter = "NIBBLE" }, new() { Parameter = "MESSAGE" }, new() { Parameter = "DIGEST" }] }],
        };
        // 0xA, then "OVERT" and a NUL, then 0xBEEF, all shifted by the nibble; the last nibble pads.
        byte[] shifted = [0xA4, 0xF5, 0x64, 0x55, 0x25, 0x40, 0x0B, 0xEE, 0xF0];

        DecodedPacket packet = new PacketLayouts(dictionary).Decode(shifted);

        Assert.That(packet.Fields.Select(f => f.Value.Label), Is.EqualTo(new[] { null, "OVERT", "beef" }));
        Assert.That(packet.Fields[0].Value.Raw, Is.EqualTo(0xA));
        Assert.That(double.IsNaN(packet.Fields[1].Value.Value));
    }

    [Test]
    public void BogusSat_FixedUtf8StringMd5AndTerminatedString_Import_Utf16_IsReported()
    {
        DatabaseImport imported = XtceImporter.Import([Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "bogussat", "BogusSAT-1.xml")], "bogussat");
        var parameters = imported.Rig.Dictionary.Parameters.ToDictionary(p => p.Name);

        Assert.That(parameters["BUS_FAULT_MESSAGE"].Type, Is.EqualTo("string16"));
        Assert.That(parameters["PAYLOAD_MD5"].Type, Is.EqualTo("bytes16"));
        Assert.That(imported.Report.Entries.Single(e => e.Name == "CPU_Fault_Message_Type").How, Does.Contain("UTF-16"));
        Assert.That(parameters["PAYLOAD_FAULT_MESSAGE"], Has.Property("Type").EqualTo("string").And.Property("Size").EqualTo(new FieldSizeDefinition { Terminator = 0 }),
            "XTCE 1.1's SizeInBits with only a TerminationChar: a C string, NUL-terminated");
        Assert.That(imported.Report.Entries.Single(e => e.Name == "Payload_Fault_Message_Type").Outcome, Is.EqualTo(ImportOutcome.Imported));
    }

    [Test]
    public void Xtce_Blocks_ComeBackTheSame()
    {
        RigDefinition rig = Blocks();

        RigDefinition back = RoundTripTests.ThroughXtce(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
    }

    [Test]
    public void Mib_Blocks_ComeBackTheSame_AsPtc8And7()
    {
        RigDefinition rig = Blocks() with { Dictionary = Blocks().Dictionary with { Packets = [] } };

        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
    }

    [Test]
    public void Load_CalibratedString_NamesThePath()
    {
        string file = Path.Combine(TestDirectories.Create("block-checks"), "rig.json");
        File.WriteAllText(file, """
            { "name": "blocks", "apid": 42, "dictionary": { "parameters": [
              { "id": 1, "name": "MESSAGE", "type": "string16", "calibration": [ 0, 2 ] } ] },
              "limits": [ { "parameter": "MESSAGE", "yellow": [ 0, 1 ], "red": [ 0, 2 ] } ] }
            """);

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        Assert.That(error.Problems.Single(p => p.JsonPath == "$.dictionary.parameters[0].calibration").Message, Does.Contain("'MESSAGE' is a string16, text or octets with no number"));
        Assert.That(error.Problems.Single(p => p.JsonPath == "$.limits[0]").Message, Does.Contain("a limit cannot watch or depend on 'MESSAGE'"));
    }

    private static RigDefinition Blocks() => new()
    {
        Name = "blocks",
        Apid = 42,
        Dictionary = new RigDictionary
        {
            Parameters =
            [
                new ParameterDefinition { Id = 1, Name = "MESSAGE", Type = "string16", Description = "last fault" },
                new ParameterDefinition { Id = 2, Name = "DIGEST", Type = "bytes16" },
                new ParameterDefinition { Id = 3, Name = "FAULTS", Type = "uint16" },
            ],
            Housekeeping = [new HousekeepingStructureDefinition { StructureId = 1, Name = "COUNTS", Parameters = ["FAULTS"] }],
            Packets = [new PacketDefinition { Name = "FAULT", Entries = [new() { Parameter = "MESSAGE", Offset = 48 }, new() { Parameter = "DIGEST" }] }],
        },
    };
}
