using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.MissionDatabase;
using UsocHil.MissionDatabase.Mib;

namespace UsocHil.Tests.MissionDatabase;

/// <summary>
/// Repeated groups through a SCOS-2000 MIB: the counter's VPD row carries VPD_GRPSIZE and the group's rows follow it,
/// so rig.json → MIB → rig.json gives the same dictionary and the re-imported rig decodes every repetition; a real
/// MIB's group (no usoc_hil.dat) is named after its layout and counter; what the rig cannot hold is dropped with table:row.
/// </summary>
public sealed class MibGroupTests
{
    private const string Header = """
        { "id": 65001, "name": "CCSDS_VERSION", "type": "uint3" }, { "id": 65002, "name": "CCSDS_TYPE", "type": "uint1" },
        { "id": 65003, "name": "CCSDS_SEC_HDR_FLAG", "type": "uint1" }, { "id": 65004, "name": "CCSDS_APID", "type": "uint11" },
        { "id": 65005, "name": "CCSDS_SEQ_FLAGS", "type": "uint2" }, { "id": 65006, "name": "CCSDS_SEQ_COUNT", "type": "uint14" },
        { "id": 65007, "name": "CCSDS_LENGTH", "type": "uint16" }, { "id": 65008, "name": "PUS_HEADER_OCTET", "type": "uint8" },
        { "id": 65009, "name": "PUS_SERVICE", "type": "uint8" }, { "id": 65010, "name": "PUS_SUBTYPE", "type": "uint8" },
        """;

    private const string RigJson = """
        { "name": "samples", "apid": 66, "dictionary": {
          "parameters": [ @HEADER@
            { "id": 8, "name": "N_SAMPLES", "type": "uint8" },
            { "id": 9, "name": "SAMPLE_TEMP", "type": "int16", "unit": "degC", "calibration": [0, 0.1] },
            { "id": 10, "name": "SAMPLE_OK", "type": "uint4", "enum": { "0": "BAD", "1": "GOOD" } },
            { "id": 11, "name": "TRAILER", "type": "uint16" } ],
          "packets": [
            { "name": "PUS_TM", "abstract": true, "description": "CCSDS primary header and PUS service type and subtype", "entries": [
              { "parameter": "CCSDS_VERSION" }, { "parameter": "CCSDS_TYPE" }, { "parameter": "CCSDS_SEC_HDR_FLAG" }, { "parameter": "CCSDS_APID" },
              { "parameter": "CCSDS_SEQ_FLAGS" }, { "parameter": "CCSDS_SEQ_COUNT" }, { "parameter": "CCSDS_LENGTH" },
              { "parameter": "PUS_HEADER_OCTET" }, { "parameter": "PUS_SERVICE" }, { "parameter": "PUS_SUBTYPE" } ] },
            { "name": "SAMPLES", "base": "PUS_TM", "description": "temperature samples",
              "restrictions": [ { "parameter": "CCSDS_APID", "value": 66 }, { "parameter": "PUS_SERVICE", "value": 130 }, { "parameter": "PUS_SUBTYPE", "value": 1 } ],
              "entries": [ { "parameter": "N_SAMPLES" },
                { "group": "SAMPLE", "count": "N_SAMPLES", "fields": [ { "parameter": "SAMPLE_TEMP" }, { "parameter": "SAMPLE_OK", "offset": 4 } ] },
                { "parameter": "TRAILER", "offset": 8 } ] } ] } }
        """;

    /// <summary>TM[130,1] of APID 66: the count, each sample (temperature in tenths, 4 spare bits, ok in 4 bits), 8 spare bits, trailer 0x1234.</summary>
    private static byte[] Packet(params (short Tenths, byte Ok)[] samples)
    {
        var data = new List<byte> { 0x20, 130, 1, (byte)samples.Length };
        foreach ((short tenths, byte ok) in samples)
        {
            data.AddRange([(byte)(tenths >> 8), (byte)tenths, ok]);
        }

        data.AddRange([0x00, 0x12, 0x34]);
        int length = data.Count - 1;
        return [0x08, 0x42, 0xC0, 0x07, (byte)(length >> 8), (byte)length, .. data];
    }

    private static RigDefinition Rig(string json = RigJson)
    {
        string file = Path.Combine(TestDirectories.Create("mib-groups"), "rig.json");
        File.WriteAllText(file, json.Replace("@HEADER@", Header, StringComparison.Ordinal));
        return RigLoader.Load(file);
    }

    [Test]
    public void RoundTrip_AGroup_ComesBackTheSameAndDecodesEveryRepetition()
    {
        RigDefinition rig = Rig();

        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
        DecodedPacket packet = new PacketLayouts(back.Dictionary).Decode(Packet((250, 1), (-100, 0)));
        Assert.That(packet.Layout, Is.EqualTo("SAMPLES"));
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_TEMP").Repetitions!.Select(v => v.Value), Is.EqualTo(new[] { 25.0, -10.0 }));
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_OK").Repetitions!.Select(v => v.Label), Is.EqualTo(new[] { "GOOD", "BAD" }));
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "TRAILER").Value.Raw, Is.EqualTo(0x1234));
    }

    [Test]
    public void Export_AGroup_TheCounterRowCarriesTheGroupSizeAndItsRowsFollow()
    {
        IReadOnlyDictionary<string, string> tables = MibExporter.Write(Rig());

        string[][] vpd = [.. tables["vpd.dat"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t'))];
        Assert.That(vpd.Select(r => (r[1], r[2], r[3], r[13])), Is.EqualTo(new[]
        {
            ("1", "N_SAMPLES", "2", "0"), ("2", "SAMPLE_TEMP", "0", "0"), ("3", "SAMPLE_OK", "0", "4"), ("4", "TRAILER", "0", "8"),
        }));
        Assert.That(vpd.Select(r => r.Length), Is.All.EqualTo(14), "VPD_TPSD .. VPD_OFFSET");
        Assert.That(tables["pcf.dat"], Does.Not.Contain("CCSDS_APID"), "the header parameters are the import's own");
    }

    [Test]
    public void Import_SpacePyTestMib_ItsVariableHousekeepingPacketKeepsItsGroup()
    {
        DatabaseImport imported = MibImporter.Import(Path.Combine(RepositoryPaths.TestData, "mdb", "mib", "spacepy-testenv", "ASCII"), "spacepy");

        PacketEntryDefinition group = imported.Rig.Dictionary.Packets.SelectMany(p => p.Entries).Single(e => e.Group is not null);
        Assert.That((group.Count, group.Fields!.Select(f => f.Parameter).Single()), Is.EqualTo(("PAR14", "PAR15")), "vpd.dat: PAR14 has VPD_GRPSIZE 1");
        Assert.That(imported.Report.Entries.Where(e => e.Element == "VPD" && e.Outcome != ImportOutcome.Imported), Is.Empty);
    }

    [Test]
    public void RoundTrip_SpacePyTestMibImported_ComesBackTheSame()
    {
        RigDefinition rig = MibImporter.Import(Path.Combine(RepositoryPaths.TestData, "mdb", "mib", "spacepy-testenv", "ASCII"), "spacepy").Rig;

        RigDefinition back = RoundTripTests.ThroughMib(rig, out ImportReport report);

        RoundTripTests.AssertSameWithoutLoss(rig, back, report);
    }

    [Test]
    public void Import_GroupWithoutUsocHilTable_IsNamedAfterItsLayoutAndCounter()
    {
        string folder = Exported(Rig());
        File.Delete(Path.Combine(folder, "usoc_hil.dat"));

        DatabaseImport imported = MibImporter.Import(folder, "samples");

        PacketEntryDefinition group = imported.Rig.Dictionary.Packets.Single(p => p.Name == "SAMPLES").Entries[1];
        Assert.That((group.Group, group.Count, group.Fields!.Count), Is.EqualTo(("SAMPLES_N_SAMPLES", "N_SAMPLES", 2)));
    }

    [Test]
    public void Import_GroupInsideAGroup_IsDroppedWithItsRowAndTheLayoutStopsBeforeIt()
    {
        string folder = Exported(Rig());
        string vpd = Path.Combine(folder, "vpd.dat");
        string[] lines = File.ReadAllLines(vpd);
        string[] temperature = lines[1].Split('\t');
        temperature[3] = "1";
        lines[1] = string.Join('\t', temperature);
        File.WriteAllLines(vpd, lines);

        DatabaseImport imported = MibImporter.Import(folder, "samples");

        Assert.That(imported.Rig.Dictionary.Packets.Single(p => p.Name == "SAMPLES").Entries.Select(e => e.Parameter), Is.EqualTo(new[] { "N_SAMPLES" }));
        ImportReportEntry dropped = imported.Report.Entries.Single(e => e.Outcome == ImportOutcome.Dropped && e.Name == "N_SAMPLES");
        Assert.That(dropped.Location, Is.EqualTo("vpd.dat:1"));
        Assert.That(dropped.How, Does.Contain("vpd.dat:2 SAMPLE_TEMP").And.Contain("groups inside groups are not supported"));
    }

    [Test]
    public void Export_GroupNotRightAfterItsCounter_IsRefusedNamingTheLayout()
    {
        string json = RigJson.Replace("""{ "parameter": "N_SAMPLES" },""", """{ "parameter": "N_SAMPLES" }, { "parameter": "TRAILER" },""", StringComparison.Ordinal);

        var error = Assert.Throws<MissionDatabaseException>(() => MibExporter.Write(Rig(json)))!;

        Assert.That(error.Message, Does.Contain("SAMPLES").And.Contain("group SAMPLE must follow the parameter that counts it"));
    }

    private static string Exported(RigDefinition rig)
    {
        string folder = TestDirectories.Create("mib-groups-export");
        foreach ((string name, string text) in MibExporter.Write(rig))
        {
            File.WriteAllText(Path.Combine(folder, name), text);
        }

        return folder;
    }
}
