using System.Net;
using System.Net.Sockets;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Links;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The built usoc-hil run as a child process, as an operator runs it: bad input gets the documented exit code and
/// clear lines on standard error, and no stack trace ever reaches the terminal.
/// </summary>
public sealed class CliProcessBadInputTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = TestDirectories.Create("badinput");
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(60_000)]
    public async Task ChildProcess_BadStationFiles_ExitTwoOneLineNoStackTrace(CancellationToken cancellationToken)
    {
        string malformed = Write("malformed.json", "{ \"station\": \"x\", \"rigs\": { \"furnace-em\": { \"emulated\": tru } } }");
        string nested = Write("nested.json", "{ \"rigs\": " + new string('{', 5000) + " }");
        string sparse = Path.Combine(_directory, "huge.json");
        using (var stream = new FileStream(sparse, FileMode.Create))
        {
            stream.SetLength(100L * 1024 * 1024);
        }

        string missing = Path.Combine(_directory, "missing.json");
        string truth = Path.Combine(_directory, "truth.jsonl");
        string station = Write("rig-config.json", System.Text.Json.JsonSerializer.Serialize(new
        {
            station = "bad-input",
            rigsDirectory = RepositoryPaths.Rigs,
            rigs = new Dictionary<string, object> { ["furnace-em"] = new { emulated = true, timeScale = 400 } },
        }));
        var cases = new (string What, string[] Args, string Names)[]
        {
            ("malformed station file", ["config", "validate", malformed], "malformed.json"),
            ("10,000-deep nesting", ["config", "validate", nested], "nested.json"),
            ("100 MB station file", ["config", "validate", sparse], "huge.json"),
            ("missing station file", ["--station", missing, "rigs"], "missing.json"),
            ("unknown command", ["calibrate-everything"], "calibrate-everything"),
            ("sequence name with ../", ["--station", station, "run", "furnace-em", "../../../rig-config", "--yes", "--truth", truth], "not a sequence name"),
            ("unknown sequence", ["--station", station, "run", "furnace-em", "calibrate-everything", "--yes", "--truth", truth], "unknown sequence"),
            ("unknown rig", ["--station", station, "run", "oven-qm", "calibrate-thermocouples", "--yes", "--truth", truth], "unknown rig 'oven-qm'"),
            ("negative time scale", ["--station", station, "run", "furnace-em", "calibrate-thermocouples", "--yes", "--time-scale", "-5", "--truth", truth], "time-scale"),
            ("time scale with a decimal comma", ["--station", station, "run", "furnace-em", "calibrate-thermocouples", "--yes", "--time-scale", "1,5", "--truth", truth], "--time-scale '1,5' is not a number"),
            ("time scale of 1e308", ["--station", station, "run", "furnace-em", "calibrate-thermocouples", "--yes", "--time-scale", "1e308", "--truth", truth], "--time-scale 1e308 is outside"),
            ("time scale max for an emulator alone", ["--station", station, "emulate", "furnace-em", "--time-scale", "max", "--truth", truth], "--time-scale 'max' is not a number"),
            ("negative emulator seed", ["--station", station, "emulate", "furnace-em", "--seed", "-3", "--truth", truth], "--seed -3 is negative"),
            ("time scale of 1e-300", ["--station", station, "run", "furnace-em", "calibrate-thermocouples", "--yes", "--time-scale", "1e-300", "--truth", truth], "--time-scale 1e-300 is outside"),
        };

        foreach (var (what, args, names) in cases)
        {
            (int exit, string stdout, string stderr) = await RunAsync(args, cancellationToken);
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.That(exit, Is.EqualTo(2), $"{what}: {stderr}");
            Assert.That(stderr + stdout, Does.Not.Contain("   at "), $"{what}: no stack trace");
            Assert.That(lines[0], Does.Contain(names), what);
            Assert.That(lines.Length, Is.LessThanOrEqualTo(2), $"{what}: {stderr}");
            Assert.That(File.Exists(truth), Is.False, $"{what}: the emulator never started (no truth file)");
            ReliabilityRecord.Write("bad input", $"child process `usoc-hil {string.Join(' ', args.Select(a => Path.IsPathRooted(a) ? Path.GetFileName(a) : a))}` ({what})", 1,
                "exit 2, one line on stderr naming it, no stack trace; for `run`: emulator never started (no truth file)");
        }
    }

    [Test]
    [CancelAfter(30_000)]
    public void EmulatedRig_PayloadPortInUse_LinkExceptionNamingThePortAndNothingStarted(CancellationToken cancellationToken)
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        int port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        string truth = Path.Combine(_directory, "truth.jsonl");
        var options = new EmulatedFurnaceRigOptions { PayloadTcpPort = port, Bench = new FurnaceBenchOptions { TruthPath = truth } };

        var e = Assert.Throws<LinkException>(() => EmulatedFurnaceRig.Start(TimeProvider.System, options, TestLog.Silent));

        Assert.That(e!.Message, Does.Contain(port.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("in use"));
        Assert.That(File.Exists(truth) ? File.ReadAllText(truth) : "", Is.Empty, "the emulator never ran: no truth record");
        ReliabilityRecord.Write("bad input", "emulator payload TCP port already in use", 1, $"typed LinkException (CLI: exit 3, one line): {e.Message}; emulator never ran, no truth record");
        cancellationToken.ThrowIfCancellationRequested();
    }

    private string Write(string name, string content)
    {
        string file = Path.Combine(_directory, name);
        File.WriteAllText(file, content);
        return file;
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        CliProcessResult result = await UsocHilProcess.RunAsync(_directory, args, cancellationToken);
        return (result.ExitCode, result.Stdout, result.Stderr);
    }
}
