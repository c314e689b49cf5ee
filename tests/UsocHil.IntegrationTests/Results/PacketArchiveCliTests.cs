using System.Globalization;
using System.Text.Json.Nodes;
using UsocHil.Cli;
using UsocHil.Framing.Ccsds;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Results;

/// <summary>
/// The raw packet archive as a user meets it: a furnace run keeps every packet it exchanged, <c>results packets</c>
/// writes them back out as a ground station would dump them, and <c>results redecode</c> reads them again with a
/// dictionary fixed after the run while the sealed record stays verifiable.
/// </summary>
public sealed class PacketArchiveCliTests
{
    /// <summary>A minute of housekeeping and one command: every packet kind, in seconds of wall time.</summary>
    public const string MinuteOfHousekeeping = """
        {
          "sequence": "minute-of-housekeeping", "version": "1.0.0",
          "powerUp": [
            { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
            { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
          ],
          "steps": [
            { "kind": "command", "command": "ARE_YOU_ALIVE" },
            { "kind": "wait", "label": "a minute of housekeeping", "seconds": 60 }
          ]
        }
        """;

    [Test]
    [CancelAfter(240_000)]
    public async Task PacketsAndRedecode_AfterACalibrationFix_NewValuesAndTheSealedRunStillVerifies(CancellationToken ct)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 21, extraSequences: new Dictionary<string, string> { ["minute-of-housekeeping"] = MinuteOfHousekeeping });
        CliProcessResult run = await station.Run("minute-of-housekeeping").WaitForExitAsync(ct);
        Assert.That(run.ExitCode, Is.EqualTo(ExitCodes.Passed), run.Describe());
        string db = Path.Combine(station.Directory, "results.db");

        CliProcessResult dumpIn = await UsocHilProcess.RunAsync(station.Directory, ["results", "packets", "1", "--direction", "in", "--out", "in.bin"], ct);
        CliProcessResult dumpOut = await UsocHilProcess.RunAsync(station.Directory, ["results", "packets", "1", "--direction", "out", "--out", "out.bin"], ct);
        Assert.That(dumpIn.ExitCode, Is.EqualTo(ExitCodes.Passed), dumpIn.Describe());
        Assert.That(dumpOut.ExitCode, Is.EqualTo(ExitCodes.Passed), dumpOut.Describe());
        List<SpacePacketHeader> received = Headers(Path.Combine(station.Directory, "in.bin"));
        List<SpacePacketHeader> sent = Headers(Path.Combine(station.Directory, "out.bin"));
        Assert.That(received, Has.Count.GreaterThanOrEqualTo(55), "about one housekeeping packet a second for over a minute");
        Assert.That(received.All(h => h.Type == PacketType.Telemetry && h.Apid == 0x64), Is.True);
        Assert.That(sent.All(h => h.Type == PacketType.Telecommand), Is.True);
        Assert.That(sent, Has.Count.GreaterThanOrEqualTo(2), "the heartbeat and ARE_YOU_ALIVE at least");

        Dictionary<long, double> before = await ArchivedAsync(db, "TC1_RAW", ct);
        JsonObject rig = JsonNode.Parse(await File.ReadAllTextAsync(station.RigFile(TestRigs.FurnaceName), ct))!.AsObject();
        JsonObject tc1 = rig["dictionary"]!["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "TC1_RAW")!.AsObject();
        tc1["calibration"] = new JsonArray(1.0, 0.002);
        await File.WriteAllTextAsync(station.RigFile(TestRigs.FurnaceName), rig.ToJsonString(), ct);

        CliProcessResult redecode = await UsocHilProcess.RunAsync(station.Directory, ["results", "redecode", "1", "--out", "again.csv"], ct);
        CliProcessResult verify = await UsocHilProcess.RunAsync(station.Directory, ["results", "verify"], ct);

        Assert.That(redecode.ExitCode, Is.EqualTo(ExitCodes.Passed), redecode.Describe());
        Assert.That(redecode.Stderr, Does.Contain("0 not decodable, 0 with bad error control"));
        var after = File.ReadLines(Path.Combine(station.Directory, "again.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[1] == "TC1_RAW")
            .ToDictionary(f => ArchiveTime.ToMicroseconds(DateTimeOffset.Parse(f[0], CultureInfo.InvariantCulture)), f => double.Parse(f[2], CultureInfo.InvariantCulture));
        long[] both = [.. before.Keys.Intersect(after.Keys)];
        Assert.That(both, Has.Length.GreaterThanOrEqualTo(50), "the redecoded samples are the archived ones, at the same on-board times");
        Assert.That(both.Select(t => after[t]), Is.EqualTo(both.Select(t => 1 + 2 * before[t])).Within(1e-9), "TC1_RAW through the fixed polynomial 1 + 0.002 raw");
        Assert.That(verify.ExitCode, Is.EqualTo(ExitCodes.Passed), verify.Describe());
        Assert.That(await ArchivedAsync(db, "TC1_RAW", ct), Is.EqualTo(before), "the sealed record still holds the values as recorded");
    }

    private static List<SpacePacketHeader> Headers(string file)
    {
        using FileStream f = File.OpenRead(file);
        return [.. SpacePacketSplitter.Split(f).Select(p => SpacePacketHeader.Read(p.Packet))];
    }

    private static async Task<Dictionary<long, double>> ArchivedAsync(string db, string parameter, CancellationToken ct)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(db, TimeProvider.System, Serilog.Core.Logger.None, ct);
        RunRecord record = await archive.ReadRunAsync(1, ct);
        return record.Telemetry.Where(t => t.Parameter == parameter).GroupBy(t => ArchiveTime.ToMicroseconds(t.Time)).ToDictionary(g => g.Key, g => g.Last().Value);
    }
}
