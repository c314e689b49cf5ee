using UsocHil.IntegrationTests.Support;

namespace UsocHil.IntegrationTests.MissionDatabase;

/// <summary>
/// A rig with absolute and relative times through the real CLI: its XTCE export validates offline against the OMG
/// schema with xmllint, and a recorded packet with a CUC field decodes to the instant it stands for.
/// </summary>
public sealed class TimeExportTests
{
    private const string Rig = """
        { "name": "clock", "apid": 42, "dictionary": {
          "parameters": [
            { "id": 1, "name": "OBT", "type": "uint48", "unit": "s", "calibration": [ 0, 0.0000152587890625 ], "time": { "epoch": "TAI" } },
            { "id": 2, "name": "DURATION", "type": "uint32", "unit": "s", "time": { "relative": true } },
            { "id": 3, "name": "STAMP", "type": "uint32", "unit": "s", "time": { "epoch": "2021-04-09T00:00:00Z" } } ],
          "housekeeping": [ { "structureId": 1, "name": "CLOCK", "parameters": [ "DURATION" ] } ],
          "packets": [ { "name": "TIMED", "entries": [ { "parameter": "OBT", "offset": 48 }, { "parameter": "STAMP" } ] } ] } }
        """;

    private static string Schema => Path.Combine(RepositoryPaths.MissionDatabases, "xtce", "schema");

    [Test]
    [CancelAfter(60_000)]
    public async Task Export_TimeTypes_ValidateAgainstTheOmgSchema(CancellationToken cancellationToken)
    {
        string directory = TestDirectories.Create("time-export");
        File.WriteAllText(Path.Combine(directory, "clock.json"), Rig);

        CliProcessResult export = await UsocHilProcess.RunAsync(directory, ["dictionary", "export", "clock.json", "--xtce", "clock.xml"], cancellationToken);
        Assert.That(export.ExitCode, Is.Zero, export.Describe());
        var (exit, output, error) = await PythonProcess.RunAsync("xmllint",
            ["--nonet", "--noout", "--schema", Path.Combine(Schema, "SpaceSystem.xsd"), Path.Combine(directory, "clock.xml")],
            new Dictionary<string, string> { ["XML_CATALOG_FILES"] = Path.Combine(Schema, "catalog.xml") }, cancellationToken);

        Assert.That(exit, Is.Zero, output + error);
        string xml = File.ReadAllText(Path.Combine(directory, "clock.xml"));
        Assert.That(xml, Does.Contain("<AbsoluteTimeParameterType name=\"OBT_Type\">").And.Contain("<Epoch>TAI</Epoch>").And.Contain("<RelativeTimeParameterType"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DecodeStream_CucField_PrintsTheInstant(CancellationToken cancellationToken)
    {
        string directory = TestDirectories.Create("time-decode");
        File.WriteAllText(Path.Combine(directory, "clock.json"), Rig);
        // Primary header (APID 42, 10 octets of data), then OBT = 0x80000010 coarse + 0x8000 fine, then STAMP = 60.
        File.WriteAllBytes(Path.Combine(directory, "clock.bin"), [0x08, 0x2A, 0xC0, 0x00, 0x00, 0x09, 0x80, 0x00, 0x00, 0x10, 0x80, 0x00, 0x00, 0x00, 0x00, 0x3C]);

        CliProcessResult decode = await UsocHilProcess.RunAsync(directory, ["packet", "decode-stream", "--rig", "clock.json", "--file", "clock.bin"], cancellationToken);

        Assert.That(decode.ExitCode, Is.Zero, decode.Describe());
        Assert.That(decode.Stdout, Does.Contain("\"OBT\":{\"raw\":140737489436672,\"value\":2147483664.5,\"time\":\"2026-01-19T03:14:24.5Z\"}"));
        Assert.That(decode.Stdout, Does.Contain("\"STAMP\":{\"raw\":60,\"value\":60,\"time\":\"2021-04-09T00:01:00Z\"}"));
    }
}
