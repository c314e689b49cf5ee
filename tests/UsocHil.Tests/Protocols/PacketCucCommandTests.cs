using System.Text.Json.Nodes;
using UsocHil.Description;
using UsocHil.Protocols.Pus;
using UsocHil.Tests.Support;

namespace UsocHil.Tests.Protocols;

/// <summary>usoc-hil packet decode / encode with a profile whose CUC time has an agency epoch and the P-field extension.</summary>
public sealed class PacketCucCommandTests
{
    [Test]
    public async Task DecodeThenEncode_AgencyEpochAndExtendedCuc_PrintsTheTimeAndGivesTheSameOctets()
    {
        var profile = new MissionProfile { Time = "cuc-5-6", TimeEpoch = "2000-01-01T12:00:00Z" };
        var codec = new PusCodec(profile);
        // 86 400.5 s after the epoch: coarse 86 400, fine 0.5 × 256^6
        var tm = new Telemetry { Apid = 100, Service = 3, Subtype = 25, Time = new CucTime(86_400, (UInt128)1 << 47, 5, 6, codec.Layout.AgencyEpoch) };
        string hex = Convert.ToHexString(codec.Encode(tm));
        string file = Path.Combine(Path.GetTempPath(), $"usochil-profile-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "time": "cuc-5-6", "timeEpoch": "2000-01-01T12:00:00Z" }""");
        string packetFile = Path.Combine(Path.GetTempPath(), $"usochil-packet-{Guid.NewGuid():N}.json");
        try
        {
            CliResult decoded = await CliRunner.RunAsync("packet", "decode", hex, "--profile", file);
            Assert.That(decoded.ExitCode, Is.Zero, decoded.Error);
            JsonNode time = JsonNode.Parse(decoded.Output)!["secondaryHeader"]!["time"]!;
            // P-field 1 010 11 11 (extended, agency epoch, 4 coarse, 3 fine), extension 0 01 011 00 (+1 coarse, +3 fine)
            Assert.That(time["pField"]!.GetValue<string>(), Is.EqualTo("AF2C"));
            Assert.That(time["secondsSinceEpoch"]!.GetValue<double>(), Is.EqualTo(86_400.5));
            Assert.That(time["utc"]!.GetValue<string>(), Is.EqualTo("2000-01-02T12:00:00.500000"));

            await File.WriteAllTextAsync(packetFile, decoded.Output);
            CliResult encoded = await CliRunner.RunAsync("packet", "encode", "--file", packetFile, "--profile", file);
            Assert.That(encoded.ExitCode, Is.Zero, encoded.Error);
            Assert.That(encoded.Output.Trim(), Is.EqualTo(hex));
        }
        finally
        {
            File.Delete(file);
            File.Delete(packetFile);
        }
    }
}
