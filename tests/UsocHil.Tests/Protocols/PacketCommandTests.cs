using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Tests.Dictionary;

namespace UsocHil.Tests.Protocols;

/// <summary>usoc-hil packet decode / encode, run in-process as an operator would.</summary>
public sealed class PacketCommandTests
{
    public static IEnumerable<TestCaseData> Vectors()
    {
        using JsonDocument doc = OutsideVectors.Load("pus-packets.json");
        foreach (JsonElement p in doc.RootElement.GetProperty("packets").EnumerateArray())
        {
            JsonElement profile = p.GetProperty("profile");
            yield return new TestCaseData(p.GetProperty("hex").GetString()!, profile.GetProperty("tc_source_id").GetBoolean(), profile.GetProperty("pec").GetBoolean());
        }
    }

    [TestCaseSource(nameof(Vectors))]
    [CancelAfter(20_000)]
    public async Task DecodeThenEncode_OutsideVectorWithItsProfile_GivesTheSameOctets(string hex, bool sourceId, bool pec, CancellationToken cancellationToken)
    {
        string profile = Path.Combine(Path.GetTempPath(), $"usochil-profile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(profile, $$"""{ "tcSourceId": {{(sourceId ? "true" : "false")}}, "errorControl": "{{(pec ? "crc" : "none")}}" }""", cancellationToken);
        try
        {
            CliResult decoded = await CliRunner.RunAsync("packet", "decode", hex, "--profile", profile);
            Assert.That(decoded.ExitCode, Is.Zero, decoded.Error);
            Assert.That(JsonNode.Parse(decoded.Output)!["pec"]?["valid"]?.GetValue<bool>(), Is.EqualTo(pec ? true : null));

            CliResult encoded = await EncodeAsync(decoded.Output, "--profile", profile);
            Assert.That(encoded.Output.Trim(), Is.EqualTo(hex));
        }
        finally
        {
            File.Delete(profile);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task DecodeThenEncode_AnyPacketUnderDefaultProfile_GivesTheSameOctets(CancellationToken cancellationToken)
    {
        var gen = Gen.Select(PusGen.Telemetry(PusCodec.UsocHilDefault.Layout).Select(t => (PusPacket)t), PusGen.Telecommand.Select(t => (PusPacket)t), Gen.Bool)
            .Select((tm, tc, pick) => pick ? tm : tc);
        foreach (PusPacket packet in gen.Array[40].Single())
        {
            cancellationToken.ThrowIfCancellationRequested();
            string hex = Convert.ToHexString(PusCodec.UsocHilDefault.Encode(packet));
            CliResult decoded = await CliRunner.RunAsync("packet", "decode", hex);
            Assert.That(decoded.ExitCode, Is.Zero, decoded.Error);
            Assert.That((await EncodeAsync(decoded.Output)).Output.Trim(), Is.EqualTo(hex), decoded.Output);
        }
    }

    [Test]
    public async Task Decode_Telemetry_PrintsTimeAsRawCucAndSecondsSinceEpoch()
    {
        var tm = new Telemetry { Apid = 100, Service = 17, Subtype = 2, Time = new CucTime(2_100_000_000, 0x4000) };

        CliResult result = await CliRunner.RunAsync("packet", "decode", Convert.ToHexString(PusCodec.UsocHilDefault.Encode(tm)));

        JsonNode time = JsonNode.Parse(result.Output)!["secondaryHeader"]!["time"]!;
        Assert.That(time["coarse"]!.GetValue<uint>(), Is.EqualTo(2_100_000_000));
        Assert.That(time["fine"]!.GetValue<uint>(), Is.EqualTo(0x4000));
        Assert.That(time["pField"]!.GetValue<string>(), Is.EqualTo("1E"));
        Assert.That(time["secondsSinceEpoch"]!.GetValue<double>(), Is.EqualTo(2_100_000_000.25));
    }

    [Test]
    public async Task Decode_HousekeepingWithRig_PrintsNamedEngineeringValues()
    {
        var codec = new UsocHil.Dictionary.DictionaryCodec(TestRigs.Furnace().Dictionary, 100);
        double[] raw = [850_123, 0, 0, 850.5, 0, 0, 4321, 1, 850, 2, 0, 850.25];
        Telemetry tm = new HousekeepingReport(1, codec.GetHousekeepingDecoder(1).EncodeSourceData(raw).AsMemory(1)).ToTelemetry(100);

        CliResult result = await CliRunner.RunAsync("--station", RepositoryPaths.StationFile, "packet", "decode", Convert.ToHexString(PusCodec.UsocHilDefault.Encode(tm)), "--rig", "furnace-em");

        Assert.That(result.ExitCode, Is.Zero, result.Error);
        JsonNode parameters = JsonNode.Parse(result.Output)!["service"]!["parameters"]!;
        Assert.That(parameters["TC1_RAW"]!["value"]!.GetValue<double>(), Is.EqualTo(850.123).Within(1e-9));
        Assert.That(parameters["HEATER_POWER"]!["unit"]!.GetValue<string>(), Is.EqualTo("W"));
        Assert.That(parameters["MODE"]!["label"]!.GetValue<string>(), Is.EqualTo("CONTROL"));
    }

    [Test]
    public async Task Decode_CommandWithRig_NamesTheCommand()
    {
        CliResult result = await CliRunner.RunAsync("--station", RepositoryPaths.StationFile, "packet", "decode",
            Convert.ToHexString(PusCodec.UsocHilDefault.Encode(new PerformFunction(2).ToTelecommand(100))), "--rig", "furnace-em");

        Assert.That(JsonNode.Parse(result.Output)!["service"]!["command"]!.GetValue<string>(), Is.EqualTo("HEATER_OFF"));
    }

    [TestCase("1810C050000611080120210000", "pus_version at byte 6", Description = "PUS-A")]
    [TestCase("1802C03400062F11010000EE", "data_length at byte 4", Description = "one octet short")]
    [TestCase("1802C03400062F11010000EE6300", "data_length at byte 4", Description = "one octet long")]
    [TestCase("1802C03400062F11010000EE64", "pec at byte 11", Description = "wrong CRC is still decoded")]
    public async Task Decode_BadPacket_OneLineNamingFieldAndOffsetExit2(string hex, string expected)
    {
        CliResult result = await CliRunner.RunAsync("packet", "decode", hex);

        if (expected.StartsWith("pec", StringComparison.Ordinal))
        {
            Assert.That(result.ExitCode, Is.Zero);
            Assert.That(JsonNode.Parse(result.Output)!["pec"]!["valid"]!.GetValue<bool>(), Is.False);
            return;
        }

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.ErrorLines[0], Does.Contain(expected));
        Assert.That(result.Output, Is.Empty);
    }

    [Test]
    public async Task Encode_MalformedJson_OneLineExit2()
    {
        CliResult result = await EncodeAsync("""{ "primaryHeader": { "type": "TC" }, "secondaryHeader": { "service": 17, "subtype": 1 } }""");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.ErrorLines[0], Does.Contain("apid"));
    }

    /// <summary>The longest packet CCSDS allows: 6 header octets and a 65,536-octet data field.</summary>
    internal static byte[] LongestTelecommand()
    {
        var empty = new Telecommand { Apid = 0x64, Service = 20, Subtype = 1, SourceId = 7, ApplicationData = ReadOnlyMemory<byte>.Empty };
        int overhead = PusCodec.UsocHilDefault.Encode(empty).Length;
        byte[] data = Enumerable.Range(0, 65_542 - overhead).Select(i => (byte)(i * 31)).ToArray();
        return PusCodec.UsocHilDefault.Encode(empty with { ApplicationData = data });
    }

    [TestCase(true)]
    [TestCase(false)]
    [CancelAfter(30_000)]
    public async Task Decode_LongestPacketFromAFile_HexOrRawOctets_Decodes(bool asHex, CancellationToken cancellationToken)
    {
        byte[] packet = LongestTelecommand();
        Assert.That(packet, Has.Length.EqualTo(65_542));
        string file = Path.Combine(Path.GetTempPath(), $"usochil-packet-{Guid.NewGuid():N}.{(asHex ? "hex" : "bin")}");
        if (asHex)
        {
            // Line breaks as a hex dump would have them.
            await File.WriteAllTextAsync(file, string.Join('\n', Convert.ToHexString(packet).Chunk(64).Select(c => new string(c))), cancellationToken);
        }
        else
        {
            await File.WriteAllBytesAsync(file, packet, cancellationToken);
        }

        try
        {
            CliResult decoded = await CliRunner.RunAsync("packet", "decode", "--file", file);

            Assert.That(decoded.ExitCode, Is.Zero, decoded.Error);
            JsonNode json = JsonNode.Parse(decoded.Output)!;
            Assert.That(json["octets"]!.GetValue<int>(), Is.EqualTo(65_542));
            Assert.That(json["primaryHeader"]!["dataLength"]!.GetValue<int>(), Is.EqualTo(65_535));
            Assert.That(json["pec"]!["valid"]!.GetValue<bool>(), Is.True);
            Assert.That((await EncodeAsync(decoded.Output)).Output.Trim(), Is.EqualTo(Convert.ToHexString(packet)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Decode_MissingFile_OneLineExitTwo(CancellationToken cancellationToken)
    {
        CliResult result = await CliRunner.RunAsync("packet", "decode", "--file", "no-such-packet.hex");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.ErrorLines[0], Does.Contain("no-such-packet.hex").And.Contain("does not exist"));
    }

    private static async Task<CliResult> EncodeAsync(string json, params string[] options)
    {
        string file = Path.Combine(Path.GetTempPath(), $"usochil-packet-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            return await CliRunner.RunAsync(["packet", "encode", "--file", file, .. options]);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
