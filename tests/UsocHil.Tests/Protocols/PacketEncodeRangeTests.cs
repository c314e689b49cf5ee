using System.Text.Json.Nodes;
using UsocHil.Tests.Support;

namespace UsocHil.Tests.Protocols;

/// <summary>usoc-hil packet encode refuses a header field out of its range: one line naming it, exit 2, nothing printed.</summary>
public sealed class PacketEncodeRangeTests
{
    private const string Telecommand = """
        { "primaryHeader": { "type": "TC", "apid": 100, "sequenceFlags": "unsegmented", "sequenceCount": 1 },
          "secondaryHeader": { "ackFlags": 9, "service": 17, "subtype": 1, "sourceId": 1 } }
        """;

    private const string Telemetry = """
        { "primaryHeader": { "type": "TM", "apid": 100, "sequenceFlags": "unsegmented", "sequenceCount": 1 },
          "secondaryHeader": { "timeReferenceStatus": 0, "service": 3, "subtype": 25, "messageTypeCounter": 1, "destinationId": 1,
                               "time": { "coarse": 1, "fine": 0 } } }
        """;

    [TestCase("TC", "primaryHeader.apid", "2048", "apid")]
    [TestCase("TC", "primaryHeader.apid", "2047", "apid")]
    [TestCase("TC", "primaryHeader.sequenceFlags", "\"7\"", "sequenceFlags")]
    [TestCase("TC", "primaryHeader.sequenceFlags", "7", "sequenceFlags")]
    [TestCase("TC", "primaryHeader.sequenceCount", "16384", "sequenceCount")]
    [TestCase("TC", "secondaryHeader.ackFlags", "16", "ackFlags")]
    [TestCase("TC", "secondaryHeader.service", "256", "service")]
    [TestCase("TC", "secondaryHeader.subtype", "256", "subtype")]
    [TestCase("TC", "secondaryHeader.sourceId", "65536", "sourceId")]
    [TestCase("TM", "secondaryHeader.timeReferenceStatus", "16", "timeReferenceStatus")]
    [TestCase("TM", "secondaryHeader.messageTypeCounter", "65536", "messageTypeCounter")]
    [TestCase("TM", "secondaryHeader.destinationId", "65536", "destinationId")]
    [TestCase("TM", "secondaryHeader.time.coarse", "4294967296", "coarse")]
    [TestCase("TM", "secondaryHeader.time.fine", "65536", "fine")]
    [TestCase("TM", "secondaryHeader.time.fine", "-1", "fine")]
    [TestCase("TM", "secondaryHeader.time.fine", "0.5", "fine")]
    [TestCase("TM", "secondaryHeader.time.coarse", "-1", "coarse")]
    public async Task Encode_FieldOutOfRange_OneLineNamingItExit2(string type, string path, string value, string field)
    {
        JsonNode packet = JsonNode.Parse(type == "TC" ? Telecommand : Telemetry)!;
        string[] steps = path.Split('.');
        JsonNode parent = steps[..^1].Aggregate(packet, (node, step) => node[step]!);
        parent[steps[^1]] = JsonNode.Parse(value);

        CliResult result = await EncodeAsync(packet.ToJsonString());

        Assert.That(result.ExitCode, Is.EqualTo(2), result.Output);
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1), result.Error);
        Assert.That(result.ErrorLines[0], Does.Contain(field).And.Contain(value.Trim('"')));
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task Encode_FieldsAtTheTopOfTheirRanges_Encodes()
    {
        JsonNode packet = JsonNode.Parse(Telecommand)!;
        packet["primaryHeader"]!["apid"] = 2046;
        packet["primaryHeader"]!["sequenceCount"] = 16383;
        packet["secondaryHeader"]!["ackFlags"] = 15;
        packet["secondaryHeader"]!["service"] = 255;
        packet["secondaryHeader"]!["sourceId"] = 65535;

        CliResult result = await EncodeAsync(packet.ToJsonString());

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Output.Trim(), Does.StartWith("1FFEFFFF0006" + "2F" + "FF01FFFF"));
    }

    private static async Task<CliResult> EncodeAsync(string json)
    {
        string file = Path.Combine(Path.GetTempPath(), $"usochil-packet-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await CliRunner.RunAsync("packet", "encode", "--file", file);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
