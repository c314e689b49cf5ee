using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.MissionDatabase;
using UsocHil.Tests.MissionDatabase;

namespace UsocHil.Tests.Dictionary;

/// <summary>
/// Strings and octet blocks whose size the packet says (a leading count, a terminator, another field): decoded where
/// they stand and the fields after them moved by what they took, through both decode paths; refused in rig.json
/// without a size or with one that cannot be; through XTCE and a MIB and back.
/// </summary>
public sealed class VariableFieldTests
{
    private static RigDictionary Dictionary() => new()
    {
        Parameters =
        [
            new ParameterDefinition { Id = 1, Name = "NIBBLE", Type = "uint4" },
            new ParameterDefinition { Id = 2, Name = "NAME", Type = "string", Size = new FieldSizeDefinition { Prefix = 8 } },
            new ParameterDefinition { Id = 3, Name = "NOTE", Type = "string", Size = new FieldSizeDefinition { Terminator = 0, Max = 8 } },
            new ParameterDefinition { Id = 4, Name = "DUMP_LENGTH", Type = "uint8" },
            new ParameterDefinition { Id = 5, Name = "DUMP", Type = "bytes", Size = new FieldSizeDefinition { Parameter = "DUMP_LENGTH" } },
            new ParameterDefinition { Id = 6, Name = "AFTER", Type = "uint16" },
        ],
        Packets = [new PacketDefinition { Name = "REPORT", Entries = [.. new[] { "NIBBLE", "NAME", "NOTE", "DUMP_LENGTH", "DUMP", "AFTER" }.Select(n => new PacketEntryDefinition { Parameter = n })] }],
    };

    // 0xA; NAME = count 2, "OK"; NOTE = "HI" NUL; DUMP_LENGTH 3; DUMP = BE EF 01; AFTER = 0x1234; all shifted by the nibble, the last nibble pads.
    private static readonly byte[] Shifted = Shift([0x02, (byte)'O', (byte)'K', (byte)'H', (byte)'I', 0x00, 0x03, 0xBE, 0xEF, 0x01, 0x12, 0x34]);

    private static byte[] Shift(byte[] octets)
    {
        var packet = new byte[octets.Length + 1];
        packet[0] = 0xA0;
        for (int i = 0; i < octets.Length; i++)
        {
            packet[i] |= (byte)(octets[i] >> 4);
            packet[i + 1] = (byte)(octets[i] << 4);
        }

        return packet;
    }

    [Test]
    public void Decode_CountedTerminatedAndParameterSized_ReadTheirContentAndMoveWhatFollows()
    {
        DecodedPacket packet = new PacketLayouts(Dictionary()).Decode(Shifted);

        Assert.That(packet.Fields.Select(f => f.Value.Label), Is.EqualTo(new[] { null, "OK", "HI", null, "beef01", null }));
        Assert.That(packet.Fields[3].Value.Raw, Is.EqualTo(3));
        Assert.That(packet.Fields[5].Value.Raw, Is.EqualTo(0x1234), "the field after three variable ones, 3 + 3 + 3 octets later than their static offset");
    }

    [Test]
    public void DecodeValues_TheBulkPath_ReadsTheSameNumbersAfterVariableFields()
    {
        var layouts = new PacketLayouts(Dictionary());
        var raw = new double[6];
        var engineering = new double[6];

        string layout = layouts.DecodeValues(Shifted, raw, engineering, out int count);

        Assert.That((layout, count, raw[0], raw[3], raw[5]), Is.EqualTo(("REPORT", 6, 10.0, 3.0, (double)0x1234)));
    }

    [Test]
    public void Decode_NoTerminator_NamesTheField()
    {
        byte[] cut = Shift([0x02, (byte)'O', (byte)'K', (byte)'H', (byte)'I']);

        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Dictionary()).Decode(cut))!;

        Assert.That(error.Message, Does.Contain("NOTE").And.Contain("no terminator 0x00"));
    }

    [Test]
    public void Decode_LongerThanItsMaximum_NamesTheField()
    {
        byte[] long_ = Shift([0x00, .. "ABCDEFGHI"u8.ToArray(), 0x00, 0x00, 0x00, 0x00]);

        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Dictionary()).Decode(long_))!;

        Assert.That(error.Message, Does.Contain("NOTE").And.Contain("longer than its maximum of 8"));
    }

    [Test]
    public void Decode_CountPastTheEnd_NamesTheField()
    {
        byte[] past = Shift([0x09, (byte)'O', (byte)'K']);

        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Dictionary()).Decode(past))!;

        Assert.That(error.Message, Does.Contain("NAME").And.Contain("runs past"));
    }

    [TestCase("""{ "id": 1, "name": "NAME", "type": "string" }""", "$.dictionary.parameters[0].type", "without a size")]
    [TestCase("""{ "id": 1, "name": "NAME", "type": "string8", "size": { "prefix": 8 } }""", "$.dictionary.parameters[0].size", "whose size is fixed")]
    [TestCase("""{ "id": 1, "name": "NAME", "type": "bytes", "size": { "terminator": 0 } }""", "$.dictionary.parameters[0].size.terminator", "a terminator ends only a string")]
    [TestCase("""{ "id": 1, "name": "NAME", "type": "bytes", "size": { "parameter": "LABEL" } }""", "$.dictionary.parameters[0].size.parameter", "'LABEL', which is not an integer field")]
    [TestCase("""{ "id": 1, "name": "NAME", "type": "bytes", "size": { "parameter": "NOBODY" } }""", "$.dictionary.parameters[0].size.parameter", "'NOBODY', which is not a parameter")]
    public void Load_BadSize_OneLineNamingThePath(string parameter, string path, string message)
    {
        string file = Path.Combine(TestDirectories.Create("size-checks"), "rig.json");
        File.WriteAllText(file, $$"""
            { "name": "sizes", "apid": 42, "dictionary": { "parameters": [ {{parameter}},
              { "id": 2, "name": "LABEL", "type": "string4" } ] } }
            """);

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        ConfigurationProblem problem = error.Problems.First(p => p.JsonPath == path);
        Assert.That(problem.Message, Does.Contain(message));
        Assert.That(problem.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void Load_SizesTheSchemaRefuses_NameTheField()
    {
        string file = Path.Combine(TestDirectories.Create("size-schema"), "rig.json");
        File.WriteAllText(file, """
            { "name": "sizes", "apid": 42, "dictionary": { "parameters": [
              { "id": 1, "name": "NAME", "type": "string", "size": { "prefix": 8, "terminator": 0 } } ] } }
            """);

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Has.Some.StartsWith("$.dictionary.parameters[0].size"));
    }

    private static RigDefinition Rig() => new() { Name = "sizes", Apid = 42, Dictionary = Dictionary() };

    [Test]
    public void Xtce_VariableStringsAndCountedOctets_ComeBackTheSame()
    {
        RigDefinition rig = Rig();

        RigDefinition back = RoundTripTests.ThroughXtce(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
        Assert.That(new PacketLayouts(back.Dictionary).Decode(Shifted).Fields[5].Value.Raw, Is.EqualTo(0x1234));
    }

    [Test]
    public void Xtce_OctetsWithALeadingCount_AreRefusedByName()
    {
        RigDefinition rig = Rig() with { Dictionary = Rig().Dictionary with { Parameters = [new ParameterDefinition { Id = 1, Name = "BLOB", Type = "bytes", Size = new FieldSizeDefinition { Prefix = 16 } }], Packets = [] } };

        var error = Assert.Throws<MissionDatabaseException>(() => UsocHil.MissionDatabase.Xtce.XtceExporter.Write(rig))!;

        Assert.That(error.Message, Does.Contain("BLOB").And.Contain("leading count"));
    }

    [Test]
    public void Mib_CountedStringAndOctets_ComeBackAsPfc0_TheCountWidthReported()
    {
        RigDefinition rig = MibRig("COUNTS", ["COUNT"], new ParameterDefinition { Id = 2, Name = "BLOB", Type = "bytes", Size = new FieldSizeDefinition { Prefix = 8 } });

        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(rig)));
        Assert.That(report.Entries.Where(e => e.Outcome == ImportOutcome.Approximated).Select(e => e.Location), Has.Exactly(2).Match(@"pcf\.dat:\d+$"));
        Assert.That(report.Entries.First(e => e.Outcome == ImportOutcome.Approximated).How, Does.Contain("8 bits"));
    }

    [Test]
    public void Mib_TerminatedString_HasNoPtcPfc()
    {
        RigDefinition rig = new() { Name = "sizes", Apid = 42, Dictionary = new RigDictionary { Parameters = [Dictionary().Parameters[2]] } };

        var error = Assert.Throws<MissionDatabaseException>(() => UsocHil.MissionDatabase.Mib.MibExporter.Write(rig))!;

        Assert.That(error.Message, Does.Contain("NOTE").And.Contain("PFC 0"));
    }

    [Test]
    public void Mib_FixedPositionsAfterAVariableParameter_AreDroppedWithTheirRow()
    {
        RigDefinition rig = MibRig("NAMED", ["NAME", "COUNT"]);

        // Without PIC's structure ID the packet is a fixed PLF layout rather than a housekeeping structure.
        string folder = TestDirectories.Create("mib-variable-plf");
        foreach ((string name, string text) in UsocHil.MissionDatabase.Mib.MibExporter.Write(rig).Where(t => t.Key != "pic.dat"))
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        ImportReport report = UsocHil.MissionDatabase.Mib.MibImporter.Import(folder, rig.Name).Report;

        ImportReportEntry dropped = report.Entries.Single(e => e.Element == "PLF" && e.Name == "COUNT");
        Assert.That(dropped.Outcome, Is.EqualTo(ImportOutcome.Dropped));
        Assert.That(dropped.Location, Does.Match(@"plf\.dat:\d+$"));
        Assert.That(dropped.How, Does.Contain("after NAME, a variable-length parameter"));
    }

    /// <summary>A rig of a counted string NAME, <paramref name="more"/>, a uint8 COUNT, and one housekeeping structure of <paramref name="carried"/>.</summary>
    private static RigDefinition MibRig(string structure, string[] carried, params ParameterDefinition[] more) => new()
    {
        Name = "sizes",
        Apid = 42,
        Dictionary = new RigDictionary
        {
            Parameters =
            [
                new ParameterDefinition { Id = 1, Name = "NAME", Type = "string", Size = new FieldSizeDefinition { Prefix = 8 } },
                .. more,
                new ParameterDefinition { Id = 2 + more.Length, Name = "COUNT", Type = "uint8" },
            ],
            Housekeeping = [new HousekeepingStructureDefinition { StructureId = 1, Name = structure, Parameters = carried }],
        },
    };
}
