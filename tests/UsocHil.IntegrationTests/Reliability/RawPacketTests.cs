using UsocHil.Configuration;
using UsocHil.Dictionary;
using UsocHil.Protocols.Pus;
using UsocHil.Results;
using UsocHil.Sequencing;
using UsocHil.Description;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Raw packets (issue 10, security): a sequence's raw step is refused when the sequence is read unless the operator
/// runs <c>usoc-hil run ... --raw</c>; with it, the packet reaches the emulated payload (its effect shows in
/// housekeeping) and the run's log and archive record say raw sending was enabled.
/// </summary>
public sealed class RawPacketTests
{
    private const double RawSetpoint = 321;

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_RawStepWithoutRawOption_RefusedNamingFileAndFieldNothingSent(CancellationToken cancellationToken)
    {
        using var station = new RawStation();

        CliProcessResult result = await UsocHilProcess.RunAsync(station.Directory, station.RunArguments(raw: false), cancellationToken);

        string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.Describe());
        Assert.That(lines, Has.Length.EqualTo(1), result.Describe());
        Assert.That(lines[0], Does.Contain("raw-setpoint.json:").And.Contain("$.steps[0].kind").And.Contain("--raw"));
        Assert.That(result.All, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(File.Exists(station.TruthFile), Is.False, "the emulator never started: nothing was sent");
        Assert.That(File.Exists(station.ResultsFile), Is.False, "refused before the archive was opened");
        ReliabilityRecord.Write("security", "sequence with a raw step (whole space packet as hex), `usoc-hil run` without --raw", 1,
            $"exit 2, one line: {lines[0].Replace(station.Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)}; emulator never started, no archive");
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Run_RawStepWithRawOption_PacketReachesEmulatorAndRecordSaysRawWasEnabled(CancellationToken cancellationToken)
    {
        using var station = new RawStation();

        CliProcessResult result = await UsocHilProcess.RunAsync(station.Directory, station.RunArguments(raw: true), cancellationToken);

        Assert.That(result.ExitCode, Is.EqualTo(0), "the wait for SETPOINT = 321 in housekeeping passed only if the payload executed the raw packet\n" + result.Describe());
        Assert.That(result.Stderr, Does.Contain("WRN Raw packet sending is enabled (--raw)"), "a warning in the log");
        Assert.That(result.Stderr, Does.Contain("WRN Raw packet of ").And.Contain("outside the dictionary: " + station.PacketHex), "and one per packet");
        Assert.That(result.All, Does.Not.Contain("   at "));
        CliProcessResult show = await UsocHilProcess.RunAsync(station.Directory, ["--station", station.StationFile, "results", "show", "1"], cancellationToken);
        Assert.That(show.Stdout, Does.Contain("warning: " + Hosting.RunHost.RawPacketsEnabled), show.Describe());
        string report = File.ReadAllText(Directory.GetFiles(station.ReportDirectory, "*.html", SearchOption.AllDirectories).Single());
        Assert.That(report, Does.Contain(Hosting.RunHost.RawPacketsEnabled));
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(station.ResultsFile, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken);
        RunRecord run = await archive.ReadRunAsync(1, cancellationToken);
        EventRow sent = run.Events.Single(e => e.Data?.StartsWith("raw packet sent", StringComparison.Ordinal) == true);
        Assert.That(sent.Data, Does.Contain(station.PacketHex).And.Contain(station.PacketHeader));
        Assert.That(sent.Severity, Is.EqualTo("warning"));
        Assert.That(run.Commands.Select(c => c.Name), Does.Not.Contain("SET_PARAMETERS"), "the setpoint came from the raw packet, not a dictionary command");
        ReliabilityRecord.Write("security", "sequence with a raw step, `usoc-hil run --raw` against the emulated furnace", 1,
            $"exit 0: the payload executed the packet (SETPOINT {RawSetpoint:G} in housekeeping); WRN line in the log; archive event '{sent.Data![..sent.Data!.IndexOf(':', 20)]}' and a harness warning that `results show` and the HTML report print");
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ConfigValidateRawAndGraph_RawStep_AcceptedAsWellFormed_BadPacketNamed(CancellationToken cancellationToken)
    {
        using var good = new RawStation();
        using var bad = new RawStation(packetJson: "\"zz\"");

        CliProcessResult validated = await UsocHilProcess.RunAsync(good.Directory, ["--station", good.StationFile, "config", "validate", "--raw"], cancellationToken);
        CliProcessResult graph = await UsocHilProcess.RunAsync(good.Directory, ["--station", good.StationFile, "graph", "furnace-em", "raw-setpoint"], cancellationToken);
        CliProcessResult refused = await UsocHilProcess.RunAsync(bad.Directory, ["--station", bad.StationFile, "config", "validate", "--raw"], cancellationToken);

        Assert.That(validated.ExitCode, Is.EqualTo(0), validated.Describe());
        Assert.That(graph.ExitCode, Is.EqualTo(0), graph.Describe());
        Assert.That(graph.Stdout, Does.Contain("digraph"));
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.Describe());
        Assert.That(refused.Stdout + refused.Stderr, Does.Contain("raw-setpoint.json").And.Contain("$.steps[0].packet").And.Contain("not hex"));
    }

    [TestCase("\"zz\"", "not hex")]
    [TestCase("\"1864C000\"", "4 octets")]
    [TestCase("\"1864C0000009AB\"", "announces 16 octets but it has 7")]
    [TestCase("12", "wrong type")]
    [CancelAfter(10_000)]
    public void Load_RawStepWithBadPacket_RefusedEvenWithRaw(string packet, string names, CancellationToken cancellationToken)
    {
        using var station = new RawStation(packetJson: packet);

        var e = Assert.Throws<ConfigurationException>(() => SequenceLoader.Load(station.SequenceFile, station.Rig, "raw-setpoint.json", allowRawPackets: true));

        Assert.That(e!.Problems, Has.Count.EqualTo(1));
        Assert.That(e.Problems[0].ToString(), Does.Contain("$.steps[0].packet").And.Contain(names));
        ReliabilityRecord.Write("bad input", $"raw step with a bad packet ({packet}), loaded with --raw", 1, $"configuration error (exit 2): {e.Problems[0]}");
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>A scratch station: furnace-em's rig.json, a sequence that sets SETPOINT by a raw TC[20,3] and waits to see it, emulated at 50x.</summary>
    private sealed class RawStation : IDisposable
    {
        public RawStation(string? packetJson = null)
        {
            Directory = TestDirectories.Create("raw");
            string rigDirectory = Path.Combine(Directory, "rigs", "furnace-em");
            System.IO.Directory.CreateDirectory(Path.Combine(rigDirectory, "sequences"));
            File.Copy(TestRigs.FurnaceFile, Path.Combine(rigDirectory, "rig.json"));
            Rig = RigLoader.Load(Path.Combine(rigDirectory, "rig.json"));
            var codec = new DictionaryCodec(Rig.Dictionary, (ushort)Rig.Apid, new PusCodec(Rig.Profile));
            Telecommand set = codec.EncodeSetParameters(new Dictionary<string, double> { ["SETPOINT"] = RawSetpoint }) with { SequenceCount = 4321 };
            PacketHex = Convert.ToHexString(codec.Codec.Encode(set));
            PacketHeader = $"TC[{set.Service},{set.Subtype}] APID {Rig.Apid}";
            File.WriteAllText(SequenceFile, $$"""
                {
                  "sequence": "raw-setpoint", "version": "1.0.0",
                  "powerUp": [
                    { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
                    { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 }
                  ],
                  "steps": [
                    { "kind": "raw", "label": "SETPOINT by a hand-made TC[20,3]", "packet": {{packetJson ?? $"\"{PacketHex}\""}} },
                    { "kind": "wait", "label": "the payload executed it", "parameter": "SETPOINT", "near": {{RawSetpoint}}, "tolerance": 0.01, "timeoutSeconds": 60 }
                  ]
                }
                """);
            File.WriteAllText(StationFile, System.Text.Json.JsonSerializer.Serialize(new
            {
                station = "raw",
                results = "results.db",
                rigsDirectory = Path.Combine(Directory, "rigs"),
                logging = new { level = "Information", directory = "logs" },
                rigs = new Dictionary<string, object> { ["furnace-em"] = new { emulated = true, timeScale = 50, seed = 5 } },
            }));
        }

        public string Directory { get; }

        public RigDefinition Rig { get; }

        public string PacketHex { get; }

        /// <summary>How the run describes the packet: "TC[20,3] APID 100".</summary>
        public string PacketHeader { get; }

        public string SequenceFile => Path.Combine(Directory, "rigs", "furnace-em", "sequences", "raw-setpoint.json");

        public string StationFile => Path.Combine(Directory, "rig-config.json");

        public string TruthFile => Path.Combine(Directory, "truth.jsonl");

        public string ResultsFile => Path.Combine(Directory, "results.db");

        public string ReportDirectory => Path.Combine(Directory, "report");

        public string[] RunArguments(bool raw) =>
            ["--station", StationFile, "run", "furnace-em", "raw-setpoint", "--yes", "--truth", TruthFile, "--report", ReportDirectory, .. raw ? new[] { "--raw" } : []];

        public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
    }
}
