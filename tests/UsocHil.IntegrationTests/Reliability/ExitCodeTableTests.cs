using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Every command's error paths through the built CLI, each exit code held to the README's "Exit codes" table (read
/// from the README, so the table and the program cannot drift apart): one line on standard error, no stack trace,
/// and the code the table gives for what went wrong.
/// </summary>
public sealed partial class ExitCodeTableTests
{
    private const string Usage = "usage or configuration error";
    private const string RigFault = "rig or link fault";
    private const string VerdictFailed = "a verdict failed";

    [Test]
    [CancelAfter(300_000)]
    public async Task EveryCommandsErrorPaths_ExitWithTheCodeTheReadmeTableGives(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, int> table = ReadmeTable();
        using var station = TemporaryStation.CopyOfShipped();
        string d = station.Directory;
        string archive = Path.Combine(d, "results.db");
        await using (await ResultsArchive.OpenAsync(archive, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken))
        {
        }

        string bench = Path.Combine(d, "bench.json");
        var hardware = JsonNode.Parse(File.ReadAllText(station.StationFile))!.AsObject();
        hardware["rigs"]!["furnace-em"] = new JsonObject
        {
            ["links"] = new JsonObject { ["payload"] = new JsonObject { ["serial"] = new JsonObject { ["device"] = Path.Combine(d, "ttyUSB-unplugged") } } },
            ["gpio"] = new JsonObject { ["binding"] = "sim" },
            ["instruments"] = new JsonObject
            {
                ["supply"] = new JsonObject { ["tcp"] = new JsonObject { ["host"] = "127.0.0.1", ["port"] = 1 } },
                ["dmm"] = new JsonObject { ["serial"] = new JsonObject { ["device"] = Path.Combine(d, "ttyUSB-unplugged-too") } },
            },
        };
        hardware["register"] = InstrumentRegister.InCalibration("furnace-em", "dmm");
        File.WriteAllText(bench, hardware.ToJsonString());

        var cases = new (string[] Args, string Meaning)[]
        {
            (["frobnicate"], Usage),
            (["--station", "missing.json", "rigs"], Usage),
            (["check", "oven-qm"], Usage),
            (["--station", bench, "check", "furnace-em"], RigFault),
            (["--station", bench, "run", "furnace-em", "certify", "--yes"], RigFault),
            (["run", "oven-qm", "certify", "--yes"], Usage),
            (["run", "furnace-em", "no-such-sequence", "--yes"], Usage),
            (["run", "furnace-em", "certify", "--yes", "--time-scale", "abc"], Usage),
            (["run", "furnace-em", "certify", "--yes", "--results", "/dev/zero"], Usage),
            (["emulate", "oven-qm"], Usage),
            (["emulate", "furnace-em", "--time-scale", "0"], Usage),
            (["results", "list", "--results", "missing.db"], Usage),
            (["results", "show", "99", "--results", archive], Usage),
            (["results", "show", "abc", "--results", archive], Usage),
            (["results", "export", "1", "--results", archive], Usage),
            (["results", "compare", "1", "2", "--results", archive], Usage),
            (["results", "verify", "--results", "/dev/full"], Usage),
            (["report", "99", "--results", archive], Usage),
            (["packet", "decode", "zz"], Usage),
            (["packet", "encode", "--file", "missing.json"], Usage),
            (["graph", "furnace-em", "no-such-sequence"], Usage),
            (["graph", "furnace-em", "certify", "--format", "svg"], Usage),
            (["config", "validate", "missing.json"], Usage),
            (["monitor", "--results", "missing.db"], Usage),
            (["monitor", "--listen", "nonsense", "--results", archive], Usage),
        };

        var wrong = new List<string>();
        foreach (var (args, meaning) in cases)
        {
            CliProcessResult result = await UsocHilProcess.RunAsync(d, args, cancellationToken);
            int expected = table[meaning];
            if (result.ExitCode != expected || result.All.Contains("   at ", StringComparison.Ordinal) || result.Stderr.Contains("Exception:", StringComparison.Ordinal))
            {
                wrong.Add($"usoc-hil {string.Join(' ', args)}: exit {result.ExitCode}, the README says {expected} ({meaning}): {result.Stderr.Trim()}");
            }
        }

        Assert.That(wrong, Is.Empty, string.Join('\n', wrong));
        ReliabilityRecord.Write("bad input", "every command's error paths (unknown command, rig, sequence, run; missing or device files; bad numbers, formats, addresses; an unplugged serial device)", cases.Length,
            $"each exit code the README's table gives ({cases.Count(c => c.Meaning == Usage)} × 2, {cases.Count(c => c.Meaning == RigFault)} × 3), no stack trace, no raw exception name (before: a missing archive for `monitor` gave exit 3 with an exception name)");
    }

    /// <summary>The README's "Exit codes" table: meaning (lower case, up to the first ';' or '(') to code.</summary>
    private static Dictionary<string, int> ReadmeTable()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        string section = readme[readme.IndexOf("\n## Exit codes\n", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var table = new Dictionary<string, int>();
        foreach (Match row in TableRow().Matches(section))
        {
            table.TryAdd(row.Groups[2].Value.Split(';', '(')[0].Trim().ToLowerInvariant(), int.Parse(row.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.That(table.Keys, Is.SupersetOf(new[] { Usage, RigFault, VerdictFailed }), "the README's exit-code table");
        return table;
    }

    [GeneratedRegex(@"^\| (\d+) \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
