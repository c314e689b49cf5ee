using System.Net;
using System.Net.Sockets;
using UsocHil.Cli;

namespace UsocHil.Tests.Reliability.BadInput;

/// <summary>
/// Malformed, truncated, oversized and hostile station, rig and sequence files through the real command line
/// (in-process): one line naming the file and JSON path, exit 2, no stack trace, and no link opened (the station
/// binds the rig to a listening socket that must never see a connection).
/// </summary>
[NonParallelizable]
public sealed class ConfigurationBadInputTests
{
    private const int Mb100 = 100 * 1024 * 1024;

    public static IEnumerable<TestCaseData> HostileStations()
    {
        yield return new TestCaseData("malformed JSON (missing comma)", "{ \"station\": \"x\" \"results\": \"r.db\" }", "invalid JSON");
        yield return new TestCaseData("truncated file", "{ \"station\": \"x\", \"rigs\": { \"furnace-em\": { \"emula", "invalid JSON");
        yield return new TestCaseData("deep nesting (10,000 levels)", "{ \"station\": " + new string('[', 10_000) + new string(']', 10_000) + " }", "invalid JSON");
        yield return new TestCaseData("duplicate keys", "{ \"station\": \"a\", \"station\": \"b\", \"rigs\": {} }", "invalid JSON");
        yield return new TestCaseData("NaN for a number", "{ \"station\": \"x\", \"rigs\": { \"furnace-em\": { \"emulated\": true, \"timeScale\": NaN } } }", "timeScale");
        yield return new TestCaseData("huge string (3 MB station name)", "{ \"station\": \"" + new string('A', 3_000_000) + "\", \"rigs\": { \"oven\": {} } }", "oven");
        yield return new TestCaseData("binary garbage", "\u0001\u0002\u00ff\u0000{}", "invalid JSON");
        yield return new TestCaseData("empty file", "", "invalid JSON");
    }

    [TestCaseSource(nameof(HostileStations))]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_HostileStationFile_OneLineExitTwoNoTrace(string what, string content, string names, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        await File.WriteAllTextAsync(station.StationFile, content, cancellationToken);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, station.StationFile);
        Assert.That(result.ErrorLines[0], Does.Contain(names));
        Assert.That(result.ErrorLines[0].Any(char.IsControl), Is.False, "a file's control bytes never reach the terminal raw");
        ReliabilityRecord.Write("bad input", $"station file: {what}", 1, $"exit 2, one line: {Shorten(result.ErrorLines[0], station.Directory)}");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Rigs_HostileStationWithRealBinding_NoConnectionToTheRig(CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var station = TemporaryStation.CopyOfShipped();
        await File.WriteAllTextAsync(station.StationFile, $$"""
            {
              "station": "bench", "station": "twice",
              "rigs": { "furnace-em": { "links": { "payload": { "tcp": { "host": "127.0.0.1", "port": {{port}} } } } } }
            }
            """, cancellationToken);

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "rigs");

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, station.StationFile);
        Assert.That(listener.Pending(), Is.False, "nothing may connect to the rig before the configuration is valid");
        ReliabilityRecord.Write("bad input", "station with a duplicate key and a real TCP binding, `usoc-hil rigs`", 1, "exit 2, one line; the rig's port saw no connection");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_100MbStationFile_RefusedBeforeReading(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        BadInputCase.WriteSparse(station.StationFile, Mb100);
        long before = GC.GetTotalAllocatedBytes(precise: true);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, station.StationFile);
        Assert.That(result.ErrorLines[0], Does.Contain("104,857,600 bytes"));
        Assert.That(allocated, Is.LessThan(20L * 1024 * 1024), "the file is not read into memory");
        ReliabilityRecord.Write("bad input", "station file of 100 MB (sparse)", 1, "exit 2, one line naming the size and the 4 MiB limit; not read into memory");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_100MbSequenceFile_RefusedBeforeReading(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string sequence = Path.Combine(station.Directory, "rigs", "furnace-em", "sequences", "huge.json");
        BadInputCase.WriteSparse(sequence, Mb100);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, "huge.json");
        Assert.That(result.ErrorLines[0], Does.Contain("104,857,600 bytes"));
        ReliabilityRecord.Write("bad input", "sequence file of 100 MB (sparse)", 1, "exit 2, one line naming the file and its size; not read into memory");
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_SequenceWithOutOfRangeArgument_NamesFieldAndExitsTwo(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string file = Path.Combine(station.Directory, "rigs", "furnace-em", "sequences", "too-hot.json");
        await File.WriteAllTextAsync(file, """
            {
              "sequence": "too-hot",
              "version": "1.0.0",
              "steps": [
                { "kind": "set", "parameters": { "SETPOINT": 99999 } }
              ]
            }
            """, cancellationToken);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, "too-hot.json");
        Assert.That(result.ErrorLines[0], Does.Contain("SETPOINT").And.Contain(":5:"));
        ReliabilityRecord.Write("bad input", "sequence with an out-of-range argument (SETPOINT 99999, range 20..1000)", 1,
            $"exit 2, one line: {Shorten(result.ErrorLines[0], station.Directory)}");
    }

    [TestCase("{ \"kind\": \"command\", \"command\": \"RAW\", \"packet\": \"1802C03400062F11010000EE63\" }", "RAW", "a command the dictionary does not have, with raw packet bytes")]
    [TestCase("{ \"kind\": \"raw\", \"packet\": \"1802C03400062F11010000EE63\" }", "--raw", "a raw step, checked without --raw")]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_SequenceSendingRawPackets_IsRefused(string step, string names, string what, CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string file = Path.Combine(station.Directory, "rigs", "furnace-em", "sequences", "raw.json");
        await File.WriteAllTextAsync(file, "{ \"sequence\": \"raw\", \"version\": \"1.0.0\", \"steps\": [ " + step + " ] }", cancellationToken);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, "raw.json", maxLines: 3);
        Assert.That(result.Error, Does.Contain(names));
        ReliabilityRecord.Write("security", $"sequence with {what}", 1, $"refused before any run (exit 2): {Shorten(result.ErrorLines[0], station.Directory)}");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task ConfigValidate_UnknownRigInStation_NamesRigAndExitsTwo(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.CopyOfShipped();
        await File.WriteAllTextAsync(station.StationFile, """
            { "station": "x", "rigs": { "../../etc": { "emulated": true } } }
            """, cancellationToken);

        CliResult result = await CliRunner.RunAsync("config", "validate", station.StationFile);

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, "unknown rig '../../etc'");
        ReliabilityRecord.Write("bad input", "station naming an unknown rig `../../etc`", 1, "exit 2, one line: unknown rig, no file outside rigs/ read");
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task Rigs_MissingStationFile_NamesFileAndExitsTwo(CancellationToken cancellationToken)
    {
        string missing = Path.Combine(Path.GetTempPath(), "usochil-no-such-" + Guid.NewGuid().ToString("N"), "rig-config.json");

        CliResult result = await CliRunner.RunAsync("--station", missing, "rigs");

        BadInputCase.AssertRefused(result, ExitCodes.UsageOrConfiguration, missing);
        Assert.That(result.ErrorLines[0], Does.Contain("file not found"));
        ReliabilityRecord.Write("bad input", "missing station file", 1, "exit 2, one line: file not found");
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static string Shorten(string line, string directory) =>
        (line.Length > 160 ? line[..160] + "…" : line).Replace(directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
