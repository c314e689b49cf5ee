using UsocHil.Cli;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Dictionary;
using UsocHil.Framing.Ccsds;
using UsocHil.MissionDatabase;

namespace UsocHil.Tests.Dictionary;

/// <summary>
/// A group of fields repeated as many times as an earlier count says: every repetition decoded and calibrated, the
/// fields after it moved by what the repetitions took, through both decode paths and <c>packet decode-stream</c>'s
/// JSON; refused in rig.json by one line when it cannot be read.
/// </summary>
public sealed class RepeatedGroupTests
{
    private const string RigJson = """
        { "name": "samples", "apid": 66, "dictionary": {
          "parameters": [
            { "id": 1, "name": "VERSION", "type": "uint3" }, { "id": 2, "name": "TYPE", "type": "uint1" },
            { "id": 3, "name": "SEC_HDR", "type": "uint1" }, { "id": 4, "name": "APID", "type": "uint11" },
            { "id": 5, "name": "SEQ_FLAGS", "type": "uint2" }, { "id": 6, "name": "SEQ_COUNT", "type": "uint14" },
            { "id": 7, "name": "LENGTH", "type": "uint16" }, { "id": 8, "name": "N_SAMPLES", "type": "uint8" },
            { "id": 9, "name": "SAMPLE_TEMP", "type": "int16", "unit": "degC", "calibration": [0, 0.1] },
            { "id": 10, "name": "SAMPLE_OK", "type": "uint8", "enum": { "0": "BAD", "1": "GOOD" } },
            { "id": 11, "name": "TRAILER", "type": "uint16" } ],
          "packets": [ { "name": "SAMPLES", "entries": [
            { "parameter": "VERSION" }, { "parameter": "TYPE" }, { "parameter": "SEC_HDR" }, { "parameter": "APID" },
            { "parameter": "SEQ_FLAGS" }, { "parameter": "SEQ_COUNT" }, { "parameter": "LENGTH" }, { "parameter": "N_SAMPLES" },
            { "group": "SAMPLE", "count": "N_SAMPLES", "fields": [ { "parameter": "SAMPLE_TEMP" }, { "parameter": "SAMPLE_OK" } ] },
            { "parameter": "TRAILER" } ] } ] } }
        """;

    /// <summary>A space packet of APID 66 carrying <paramref name="samples"/> (temperature in tenths, ok) and the trailer 0x1234.</summary>
    private static byte[] Packet(ushort sequenceCount, params (short Tenths, byte Ok)[] samples)
    {
        var data = new List<byte> { (byte)samples.Length };
        foreach ((short tenths, byte ok) in samples)
        {
            data.AddRange([(byte)(tenths >> 8), (byte)tenths, ok]);
        }

        data.AddRange([0x12, 0x34]);
        int length = data.Count - 1;
        return [0x00, 0x42, (byte)(0xC0 | sequenceCount >> 8), (byte)sequenceCount, (byte)(length >> 8), (byte)length, .. data];
    }

    private static RigDefinition Rig()
    {
        string file = Path.Combine(TestDirectories.Create("groups"), "rig.json");
        File.WriteAllText(file, RigJson);
        return RigLoader.Load(file);
    }

    [Test]
    public void Decode_TwoRepetitions_EachValueCalibratedAndTheTrailerAfterThem()
    {
        DecodedPacket packet = new PacketLayouts(Rig().Dictionary).Decode(Packet(7, (250, 1), (-100, 0)));

        DecodedField temperature = packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_TEMP");
        DecodedField ok = packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_OK");
        Assert.That(temperature.Repetitions!.Select(v => v.Value), Is.EqualTo(new[] { 25.0, -10.0 }));
        Assert.That(ok.Repetitions!.Select(v => v.Label), Is.EqualTo(new[] { "GOOD", "BAD" }));
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "TRAILER").Value.Raw, Is.EqualTo(0x1234), "the trailer 2 × 3 octets after its static offset");
    }

    [Test]
    public void Decode_NoRepetitions_TheTrailerFollowsTheCount()
    {
        DecodedPacket packet = new PacketLayouts(Rig().Dictionary).Decode(Packet(7));

        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_TEMP").Repetitions, Is.Empty);
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "TRAILER").Value.Raw, Is.EqualTo(0x1234));
    }

    [Test]
    public void DecodeValues_TheBulkPath_ReadsTheFieldsOutsideTheGroupWhereDecodeDoes()
    {
        var raw = new double[16];
        var engineering = new double[16];

        string layout = new PacketLayouts(Rig().Dictionary).DecodeValues(Packet(9, (1, 1), (2, 1), (3, 0)), raw, engineering, out int count);

        Assert.That((layout, count, raw[7], raw[8]), Is.EqualTo(("SAMPLES", 9, 3.0, (double)0x1234)));
    }

    [Test]
    public void Decode_CountPastTheEnd_NamesTheGroup()
    {
        byte[] packet = Packet(7, (250, 1), (-100, 0));
        packet[6] = 9;

        var error = Assert.Throws<PacketDecodeException>(() => new PacketLayouts(Rig().Dictionary).Decode(packet))!;

        Assert.That(error.Message, Does.Contain("SAMPLE").And.Contain("9 repetitions of 24 bits"));
    }

    [TestCase("\"count\": \"N_SAMPLES\"", "\"count\": \"TRAILER\"", "group SAMPLE is counted by TRAILER, which is not a field before it")]
    [TestCase("{ \"parameter\": \"SAMPLE_OK\" }", "{ \"parameter\": \"NOBODY\" }", "group SAMPLE names unknown parameter NOBODY")]
    [TestCase("\"group\": \"SAMPLE\"", "\"group\": \"SAMPLES\"", "group SAMPLES has the name of a packet layout")]
    [TestCase("\"type\": \"int16\", \"unit\"", "\"type\": \"string\", \"size\": { \"prefix\": 8 }, \"unit\"", "a repeated group holds fixed-size fields only")]
    public void Load_GroupThatCannotBeRead_OneLineNamingTheGroup(string from, string to, string message)
    {
        string file = Path.Combine(TestDirectories.Create("group-checks"), "rig.json");
        File.WriteAllText(file, RigJson.Replace(from, to, StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        ConfigurationProblem problem = error.Problems.Single(p => p.JsonPath == "$.dictionary.packets");
        Assert.That(problem.Message, Does.Contain(message));
        Assert.That(problem.Message, Does.Not.Contain("\n"));
    }

    [Test]
    public void Load_GroupWithoutItsCount_TheSchemaNamesTheEntry()
    {
        string file = Path.Combine(TestDirectories.Create("group-schema"), "rig.json");
        File.WriteAllText(file, RigJson.Replace("\"count\": \"N_SAMPLES\", ", "", StringComparison.Ordinal));

        var error = Assert.Throws<ConfigurationException>(() => RigLoader.Load(file))!;

        Assert.That(error.Problems.Select(p => p.JsonPath), Has.Some.StartsWith("$.dictionary.packets[0].entries[8]"));
    }

    [Test]
    public void Xtce_AGroup_ComesBackTheSameAndDecodesTheSame()
    {
        RigDefinition rig = Rig();

        RigDefinition back = UsocHil.Tests.MissionDatabase.RoundTripTests.ThroughXtce(rig, out ImportReport report);

        UsocHil.Tests.MissionDatabase.RoundTripTests.AssertSameWithoutLoss(rig, back, report);
        Assert.That(back.Dictionary.Packets.Select(p => p.Name), Is.EqualTo(new[] { "SAMPLES" }), "the repeated container is a group, not a layout");
        DecodedPacket packet = new PacketLayouts(back.Dictionary).Decode(Packet(7, (250, 1), (-100, 0)));
        Assert.That(packet.Fields.Single(f => f.Parameter.Name == "SAMPLE_TEMP").Repetitions!.Select(v => v.Value), Is.EqualTo(new[] { 25.0, -10.0 }));
    }

    [Test]
    public void XtceImport_RepeatCountedByAFixedValue_IsDroppedWithItsLine()
    {
        string xml = UsocHil.MissionDatabase.Xtce.XtceExporter.Write(Rig())
            .Replace("<DynamicValue>", "<FixedValue>2</FixedValue><!--", StringComparison.Ordinal).Replace("</DynamicValue>", "-->", StringComparison.Ordinal);
        string file = Path.Combine(TestDirectories.Create("xtce-repeat"), "samples.xml");
        File.WriteAllText(file, xml);

        DatabaseImport imported = UsocHil.MissionDatabase.Xtce.XtceImporter.Import([file], "samples");

        Assert.That(imported.Report.Entries.Select(e => e.How ?? ""), Has.Some.Contains("a repeat count other than an earlier parameter's value is not supported"), "the report names the dropped entry");
        Assert.That(imported.Rig.Dictionary.Packets.Single(p => p.Name == "SAMPLES").Entries.Select(e => e.Parameter).Last(), Is.EqualTo("N_SAMPLES"), "the layout stops before the group");
    }

    [Test]
    public async Task DecodeStream_Recording_WritesEachRepeatedFieldAsAnArray()
    {
        using var station = TemporaryStation.CopyOfShipped();
        Directory.CreateDirectory(Path.GetDirectoryName(station.RigFile("samples"))!);
        File.WriteAllText(station.RigFile("samples"), RigJson);
        string recording = Path.Combine(Path.GetDirectoryName(station.StationFile)!, "samples.dat");
        File.WriteAllBytes(recording, [.. Packet(1, (250, 1), (-100, 0)), .. Packet(2)]);

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "packet", "decode-stream", "--rig", "samples", "--file", recording);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
        string[] lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        System.Text.Json.JsonElement parameters = first.RootElement.GetProperty("parameters");
        Assert.That(parameters.GetProperty("SAMPLE_TEMP").EnumerateArray().Select(s => (s.GetProperty("raw").GetDouble(), s.GetProperty("value").GetDouble())),
            Is.EqualTo(new[] { (250.0, 25.0), (-100.0, -10.0) }));
        Assert.That(parameters.GetProperty("SAMPLE_OK").EnumerateArray().Select(s => s.GetProperty("value").GetString()), Is.EqualTo(new[] { "GOOD", "BAD" }));
        Assert.That(parameters.GetProperty("TRAILER").GetProperty("raw").GetInt32(), Is.EqualTo(0x1234));
        using var second = System.Text.Json.JsonDocument.Parse(lines[1]);
        Assert.That(second.RootElement.GetProperty("parameters").GetProperty("SAMPLE_TEMP").GetArrayLength(), Is.EqualTo(0));
    }
}
