using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.MissionDatabase;

/// <summary>
/// A rig with absolute and relative times, a fixed string and a block of octets through the real CLI: its XTCE export
/// validates offline against the OMG schema with xmllint, and a recorded packet with a CUC field, a string and octets
/// decodes to the instant, the text and the hexadecimal they stand for.
/// </summary>
public sealed class WiderTypeExportTests
{
    private const string Rig = """
        { "name": "clock", "apid": 42, "dictionary": {
          "parameters": [
            { "id": 1, "name": "OBT", "type": "uint48", "unit": "s", "calibration": [ 0, 0.0000152587890625 ], "time": { "epoch": "TAI" } },
            { "id": 2, "name": "DURATION", "type": "uint32", "unit": "s", "time": { "relative": true } },
            { "id": 3, "name": "STAMP", "type": "uint32", "unit": "s", "time": { "epoch": "2021-04-09T00:00:00Z" } },
            { "id": 4, "name": "MESSAGE", "type": "string4" },
            { "id": 5, "name": "DIGEST", "type": "bytes2" } ],
          "housekeeping": [ { "structureId": 1, "name": "CLOCK", "parameters": [ "DURATION" ] } ],
          "packets": [ { "name": "TIMED", "entries": [ { "parameter": "OBT", "offset": 48 }, { "parameter": "STAMP" }, { "parameter": "MESSAGE" }, { "parameter": "DIGEST" } ] } ] } }
        """;

    private static string Schema => Path.Combine(RepositoryPaths.MissionDatabases, "xtce", "schema");

    [Test]
    [CancelAfter(60_000)]
    public async Task Export_TimeStringAndBinaryTypes_ValidateAgainstTheOmgSchema(CancellationToken cancellationToken)
    {
        string directory = WriteRig("time-export", "clock", Rig);

        await AssertExportValidatesAsync(directory, "clock", cancellationToken);

        string xml = File.ReadAllText(Path.Combine(directory, "clock.xml"));
        Assert.That(xml, Does.Contain("<AbsoluteTimeParameterType name=\"OBT_Type\">").And.Contain("<Epoch>TAI</Epoch>").And.Contain("<RelativeTimeParameterType")
            .And.Contain("<StringParameterType name=\"MESSAGE_Type\">").And.Contain("<BinaryParameterType name=\"DIGEST_Type\">"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DecodeStream_CucStringAndOctets_PrintTheInstantTheTextAndTheHex(CancellationToken cancellationToken)
    {
        string directory = WriteRig("time-decode", "clock", Rig);
        // Primary header (APID 42, 16 octets of data), OBT = 0x80000010 coarse + 0x8000 fine, STAMP = 60, "OK" NUL-padded, 0xCAFE.
        File.WriteAllBytes(Path.Combine(directory, "clock.bin"),
            [0x08, 0x2A, 0xC0, 0x00, 0x00, 0x0F, 0x80, 0x00, 0x00, 0x10, 0x80, 0x00, 0x00, 0x00, 0x00, 0x3C, 0x4F, 0x4B, 0x00, 0x00, 0xCA, 0xFE]);

        CliProcessResult decode = await UsocHilProcess.RunAsync(directory, ["packet", "decode-stream", "--rig", "clock.json", "--file", "clock.bin"], cancellationToken);

        Assert.That(decode.ExitCode, Is.Zero, decode.Describe());
        Assert.That(decode.Stdout, Does.Contain("\"OBT\":{\"raw\":140737489436672,\"value\":2147483664.5,\"time\":\"2026-01-19T03:14:24.5Z\"}"));
        Assert.That(decode.Stdout, Does.Contain("\"STAMP\":{\"raw\":60,\"value\":60,\"time\":\"2021-04-09T00:01:00Z\"}"));
        Assert.That(decode.Stdout, Does.Contain("\"MESSAGE\":{\"value\":\"OK\"},\"DIGEST\":{\"value\":\"cafe\"}"));
    }

    private const string SizedRig = """
        { "name": "sizes", "apid": 42, "dictionary": {
          "parameters": [
            { "id": 1, "name": "NAME", "type": "string", "size": { "prefix": 8 } },
            { "id": 2, "name": "NOTE", "type": "string", "size": { "terminator": 0, "max": 8 } },
            { "id": 3, "name": "DUMP_LENGTH", "type": "uint8" },
            { "id": 4, "name": "DUMP", "type": "bytes", "size": { "parameter": "DUMP_LENGTH" } },
            { "id": 5, "name": "STAMP", "type": "cds8", "unit": "s", "time": { "epoch": "TAI" } },
            { "id": 6, "name": "AFTER", "type": "uint16" } ],
          "housekeeping": [ { "structureId": 1, "name": "COUNTS", "parameters": [ "DUMP_LENGTH" ] } ],
          "packets": [ { "name": "REPORT", "entries": [ { "parameter": "NAME", "offset": 48 }, { "parameter": "NOTE" }, { "parameter": "DUMP_LENGTH" },
            { "parameter": "DUMP" }, { "parameter": "STAMP" }, { "parameter": "AFTER" } ] } ] } }
        """;

    [Test]
    [CancelAfter(90_000)]
    public async Task VariableStringsOctetsAndCds_ExportValidates_AndDecodeStreamReadsThem(CancellationToken cancellationToken)
    {
        string directory = WriteRig("sized-export", "sizes", SizedRig);
        // Header (APID 42, 20 octets of data); NAME = count 2 "OK"; NOTE = "HI" NUL; DUMP = 3 octets; STAMP = day 21,915, 43,200,500 ms, 500 us; AFTER = 0x1234.
        File.WriteAllBytes(Path.Combine(directory, "sizes.bin"),
            [0x08, 0x2A, 0xC0, 0x00, 0x00, 0x13, 0x02, 0x4F, 0x4B, 0x48, 0x49, 0x00, 0x03, 0xBE, 0xEF, 0x01, 0x55, 0x9B, 0x02, 0x93, 0x2F, 0xF4, 0x01, 0xF4, 0x12, 0x34]);

        await AssertExportValidatesAsync(directory, "sizes", cancellationToken);

        CliProcessResult decode = await UsocHilProcess.RunAsync(directory, ["packet", "decode-stream", "--rig", "sizes.json", "--file", "sizes.bin"], cancellationToken);

        Assert.That(decode.ExitCode, Is.Zero, decode.Describe());
        Assert.That(decode.Stdout, Does.Contain("\"NAME\":{\"value\":\"OK\"},\"NOTE\":{\"value\":\"HI\"},\"DUMP_LENGTH\":{\"raw\":3,\"value\":3},\"DUMP\":{\"value\":\"beef01\"}"));
        Assert.That(decode.Stdout, Does.Contain("\"STAMP\":{\"raw\":1893499200.5005,\"value\":1893499200.5005,\"time\":\"2018-01-01T12:00:00.5005Z\"},\"AFTER\":{\"raw\":4660,\"value\":4660}"));
    }

    private const string GroupRig = """
        { "name": "samples", "apid": 66, "dictionary": {
          "parameters": [
            { "id": 1, "name": "N_SAMPLES", "type": "uint8" },
            { "id": 2, "name": "SAMPLE_TEMP", "type": "int16", "unit": "degC", "calibration": [0, 0.1] },
            { "id": 3, "name": "SAMPLE_OK", "type": "uint1", "enum": { "0": "BAD", "1": "GOOD" } },
            { "id": 4, "name": "TRAILER", "type": "uint16" } ],
          "packets": [ { "name": "SAMPLES", "entries": [ { "parameter": "N_SAMPLES", "offset": 48 },
            { "group": "SAMPLE", "count": "N_SAMPLES", "fields": [ { "parameter": "SAMPLE_TEMP" }, { "parameter": "SAMPLE_OK", "offset": 7 } ] },
            { "parameter": "TRAILER" } ] } ] } }
        """;

    [Test]
    [CancelAfter(60_000)]
    public async Task RepeatedGroup_ExportValidates(CancellationToken cancellationToken)
    {
        string directory = WriteRig("group-export", "samples", GroupRig);

        await AssertExportValidatesAsync(directory, "samples", cancellationToken);

        string xml = File.ReadAllText(Path.Combine(directory, "samples.xml"));
        Assert.That(xml, Does.Contain("<ContainerRefEntry containerRef=\"SAMPLE\">").And.Contain("<ParameterInstanceRef parameterRef=\"N_SAMPLES\" />"));
    }

    /// <summary>A fresh test folder holding <paramref name="json"/> as <paramref name="name"/>.json.</summary>
    private static string WriteRig(string folder, string name, string json)
    {
        string directory = TestDirectories.Create(folder);
        File.WriteAllText(Path.Combine(directory, name + ".json"), json);
        return directory;
    }

    /// <summary>Exports the rig in <paramref name="directory"/>/<paramref name="name"/>.json to XTCE and validates it offline against the OMG schema.</summary>
    private static async Task AssertExportValidatesAsync(string directory, string name, CancellationToken cancellationToken)
    {
        CliProcessResult export = await UsocHilProcess.RunAsync(directory, ["dictionary", "export", $"{name}.json", "--xtce", $"{name}.xml"], cancellationToken);
        Assert.That(export.ExitCode, Is.Zero, export.Describe());
        var (exit, output, error) = await PythonProcess.RunAsync("xmllint",
            ["--nonet", "--noout", "--schema", Path.Combine(Schema, "SpaceSystem.xsd"), Path.Combine(directory, $"{name}.xml")],
            new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(Schema, "catalog.xml") }, cancellationToken);
        Assert.That(exit, Is.Zero, output + error);
    }
}
