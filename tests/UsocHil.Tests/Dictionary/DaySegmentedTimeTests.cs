using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase;
using UsocHil.Tests.MissionDatabase;

namespace UsocHil.Tests.Dictionary;

/// <summary>
/// CCSDS day-segmented times (CCSDS 301.0-B-4, 3.3): 16- or 24-bit days, milliseconds of the day, micro- or
/// picoseconds of the millisecond, decoded to seconds from the epoch and the instant; refused without an epoch or with
/// a curve; through XTCE (a named transform) and a MIB (PTC 9 PFC 1 and 2) and back.
/// </summary>
public sealed class DaySegmentedTimeTests
{
    // Day 21,915 after 1958-01-01 is 2018-01-01; 43,200,500 ms is 12:00:00.5.
    [TestCase("cds6", new byte[] { 0x55, 0x9B, 0x02, 0x93, 0x2F, 0xF4 }, 21915 * 86400.0 + 43200.5)]
    [TestCase("cds7", new byte[] { 0x00, 0x55, 0x9B, 0x02, 0x93, 0x2F, 0xF4 }, 21915 * 86400.0 + 43200.5)]
    [TestCase("cds8", new byte[] { 0x55, 0x9B, 0x02, 0x93, 0x2F, 0xF4, 0x01, 0xF4 }, 21915 * 86400.0 + 43200.5005)]
    [TestCase("cds10", new byte[] { 0x55, 0x9B, 0x02, 0x93, 0x2F, 0xF4, 0x00, 0x07, 0xA1, 0x20 }, 21915 * 86400.0 + 43200.5000005)]
    public void Read_KnownOctets_AreSecondsFromTheEpoch(string type, byte[] octets, double seconds)
    {
        Assert.That(BitField.Read(octets, 0, FieldType.Parse(type), "T"), Is.EqualTo(seconds).Within(1e-6));
        Assert.That(FieldType.Parse(type).ToString(), Is.EqualTo(type));
    }

    [Test]
    public void Read_AtAnOddBit_TheInstantIsTheSame()
    {
        byte[] shifted = [0x05, 0x59, 0xB0, 0x29, 0x32, 0xFF, 0x40];

        double seconds = BitField.Read(shifted, 4, FieldType.Parse("cds6"), "T");

        Assert.That(TimeEpochs.Instant(new TimeDefinition { Epoch = "TAI" }, seconds), Is.EqualTo(new DateTimeOffset(2018, 1, 1, 12, 0, 0, 500, TimeSpan.Zero)));
    }

    [TestCase("cds5")]
    [TestCase("cds12")]
    [TestCase("cds")]
    public void Parse_NotACdsSize_IsNoType(string text) => Assert.That(FieldType.TryParse(text, out _), Is.False);

    [TestCase("""{ "id": 1, "name": "STAMP", "type": "cds8" }""", "$.dictionary.parameters[0].time")]
    [TestCase("""{ "id": 1, "name": "STAMP", "type": "cds8", "unit": "s", "time": { "epoch": "TAI" }, "calibration": [ 0, 2 ] }""", "$.dictionary.parameters[0].calibration")]
    [TestCase("""{ "id": 1, "name": "STAMP", "type": "cds8", "unit": "s", "time": { "relative": true } }""", "$.dictionary.parameters[0].time")]
    public void Load_CdsWithoutAnEpochOrWithACurve_OneLineNamingThePath(string parameter, string path)
    {
        string file = Path.Combine(TestDirectories.Create("cds-checks"), "rig.json");
        File.WriteAllText(file, $$"""{ "name": "cds", "apid": 42, "dictionary": { "parameters": [ {{parameter}} ] } }""");

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        Assert.That(error.Problems.Single(p => p.JsonPath == path).Message, Does.Contain("day-segmented").And.Not.Contain("\n"));
    }

    private static RigDefinition Rig(params string[] types) => new()
    {
        Name = "cds",
        Apid = 42,
        Dictionary = new RigDictionary
        {
            Parameters = [.. types.Select((t, i) => new ParameterDefinition { Id = i + 1, Name = $"STAMP_{i + 1}", Type = t, Unit = "s", Time = new TimeDefinition { Epoch = i == 0 ? "TAI" : "2000-01-01" } })],
            Packets = [new PacketDefinition { Name = "STAMPS", Entries = [.. types.Select((_, i) => new PacketEntryDefinition { Parameter = $"STAMP_{i + 1}" })] }],
        },
    };

    [Test]
    public void Xtce_EverySize_ComesBackTheSame()
    {
        RigDefinition rig = Rig("cds6", "cds7", "cds8", "cds9", "cds10", "cds11");

        RigDefinition back = RoundTripTests.ThroughXtce(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
    }

    [Test]
    public void Mib_Cds6AndCds8_ComeBackAsPtc9Pfc1And2()
    {
        RigDefinition rig = Rig("cds6", "cds8");
        rig = rig with
        {
            Dictionary = rig.Dictionary with
            {
                Packets = [],
                Parameters = [.. rig.Dictionary.Parameters.Select(p => p with { Time = new TimeDefinition { Epoch = "TAI" } }), new ParameterDefinition { Id = 3, Name = "COUNT", Type = "uint8" }],
                Housekeeping = [new HousekeepingStructureDefinition { StructureId = 1, Name = "COUNTS", Parameters = ["COUNT"] }],
            },
        };

        var tables = UsocHil.MissionDatabase.Mib.MibExporter.Write(rig);
        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        Assert.That(tables["pcf.dat"], Does.Contain("STAMP_1\t\t1\ts\t9\t1\t").And.Contain("STAMP_2\t\t2\ts\t9\t2\t"));
        Assert.That(CanonicalDictionary.Of(back), Is.EqualTo(CanonicalDictionary.Of(rig)));
        Assert.That(report.Entries.Where(e => e.Outcome == ImportOutcome.Approximated).Select(e => e.How), Has.All.Contain("epoch"));
    }

    [Test]
    public void Mib_A24BitDay_HasNoPtcPfc()
    {
        RigDefinition rig = Rig("cds7");
        rig = rig with { Dictionary = rig.Dictionary with { Packets = [] } };

        var error = Assert.Throws<MissionDatabaseException>(() => UsocHil.MissionDatabase.Mib.MibExporter.Write(rig))!;

        Assert.That(error.Message, Does.Contain("cds7"));
    }
}
