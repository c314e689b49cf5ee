using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.IntegrationTests.Support;
using UsocHil.Links;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// The built usoc-hil run as a child process, as an operator runs it: bad input gets the documented exit code and
/// clear lines on standard error, and no stack trace ever reaches the terminal.
/// </summary>
[NonParallelizable]
public sealed class CliProcessBadInputTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "usochil-badinput-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
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
        var cases = new (string What, string[] Args, string Names)[]
        {
            ("malformed station file", ["config", "validate", malformed], "malformed.json"),
            ("10,000-deep nesting", ["config", "validate", nested], "nested.json"),
            ("100 MB station file", ["config", "validate", sparse], "huge.json"),
            ("missing station file", ["--station", missing, "rigs"], "missing.json"),
            ("unknown command", ["calibrate-everything"], "calibrate-everything"),
        };

        foreach (var (what, args, names) in cases)
        {
            (int exit, string stdout, string stderr) = await RunAsync(args, cancellationToken);
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.That(exit, Is.EqualTo(2), $"{what}: {stderr}");
            Assert.That(stderr + stdout, Does.Not.Contain("   at "), $"{what}: no stack trace");
            Assert.That(lines[0], Does.Contain(names), what);
            Assert.That(lines.Length, Is.LessThanOrEqualTo(2), $"{what}: {stderr}");
            ReliabilityRecord.Write("bad input", $"child process `usoc-hil {string.Join(' ', args.Select(a => Path.GetFileName(a) is { Length: > 0 } f && a.Contains('/', StringComparison.Ordinal) ? f : a))}` ({what})", 1,
                "exit 2, one line on stderr naming it, no stack trace");
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
        Assert.That(File.Exists(truth), Is.False, "the emulator never started: no truth written");
        ReliabilityRecord.Write("bad input", "emulator payload TCP port already in use", 1, $"typed LinkException (CLI: exit 3, one line): {e.Message}; emulator not started, no truth file");
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
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "usoc-hil.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
