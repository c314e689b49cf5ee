using System.Text.Json;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Permission denied, for real: the tests run as root, which the kernel lets read and write everything, so usoc-hil
/// runs as user nobody (util-linux <c>setpriv --reuid=nobody --regid=nogroup --clear-groups</c>) against files,
/// folders and a tty that root owns and nobody may not use (as any other user, the modes alone deny it). Each case
/// gets one line naming what was refused, the documented exit code, no stack trace, and nothing sent to the rig.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PermissionDeniedTests
{
    private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private string _directory = null!;
    private string _open = null!;
    private string _locked = null!;

    [SetUp]
    public void CreateDirectories()
    {
        _directory = Path.Combine(Path.GetTempPath(), "usochil-perm-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory, ReadOnly | UnixFileMode.UserWrite);
        _open = Directory.CreateDirectory(Path.Combine(_directory, "open"), Everyone).FullName;
        File.SetUnixFileMode(_open, Everyone); // the umask trimmed it
        _locked = Directory.CreateDirectory(Path.Combine(_directory, "locked")).FullName;
        File.SetUnixFileMode(_locked, ReadOnly);
    }

    [TearDown]
    public void DeleteDirectories() => Directory.Delete(_directory, recursive: true);

    [Test]
    [CancelAfter(90_000)]
    public async Task Cli_FileOrFolderItMayNotUse_OneLineNamingItExitTwoNothingSent(CancellationToken cancellationToken)
    {
        string secret = Station("secret.json", results: Path.Combine(_open, "a.db"), logs: Path.Combine(_open, "logs"));
        File.SetUnixFileMode(secret, UnixFileMode.None);
        string readOnlyArchive = Path.Combine(_open, "read-only.db");
        await using (await ResultsArchive.OpenAsync(readOnlyArchive, TimeProvider.System, Serilog.Core.Logger.None, cancellationToken))
        {
        }

        File.SetUnixFileMode(readOnlyArchive, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var cases = new (string What, string[] Args, string[] Names)[]
        {
            ("station file it may not read", ["--station", secret, "rigs"], ["secret.json", "denied"]),
            ("results folder it may not write", Run(Station("no-results.json", results: Path.Combine(_locked, "results.db"), logs: Path.Combine(_open, "logs"))),
                ["results.db", "permission denied", _locked]),
            ("results archive it may only read", Run(Station("read-only.json", results: readOnlyArchive, logs: Path.Combine(_open, "logs"))),
                ["read-only.db", "permission denied", "not writable"]),
            ("log folder it may not create", Run(Station("no-logs.json", results: Path.Combine(_open, "b.db"), logs: Path.Combine(_locked, "logs"))),
                ["permission denied", Path.Combine(_locked, "logs")]),
            ("report folder it may not create", [.. Run(Station("no-report.json", results: Path.Combine(_open, "c.db"), logs: Path.Combine(_open, "logs"))), "--report", Path.Combine(_locked, "report")],
                ["permission denied", Path.Combine(_locked, "report")]),
        };

        foreach (var (what, args, names) in cases)
        {
            CliProcessResult result = await UsocHilProcess.RunAsync(_open, args, cancellationToken, unprivileged: true);

            string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(result.ExitCode, Is.EqualTo(2), $"{what}: {result.Describe()}");
            Assert.That(lines, Has.Length.EqualTo(1), $"{what}: {result.Describe()}");
            Assert.That(names.All(n => lines[0].Contains(n, StringComparison.Ordinal)), Is.True, $"{what}: '{lines[0]}' names {string.Join(", ", names)}");
            Assert.That(result.All, Does.Not.Contain("   at "), $"{what}: no stack trace");
            Assert.That(File.Exists(Truth), Is.False, $"{what}: the emulator never started: nothing sent");
            ReliabilityRecord.Write("bad input", $"permission denied (usoc-hil as user nobody): {what}", 1,
                $"exit 2, one line: {lines[0].Replace(_directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)}; emulator never started");
        }
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Cli_SerialDeviceItMayNotOpen_OneLineNamingDeviceExitThreeRigNeverPowered(CancellationToken cancellationToken)
    {
        await using EmulatorChild emulator = await EmulatorChild.StartAsync(_open, timeScale: 50, Truth, cancellationToken);
        string device = emulator.PayloadDevice;
        File.SetUnixFileMode(device, UnixFileMode.None); // a pty the emulator (root) opened; now nobody else may
        string station = Path.Combine(_directory, "bench.json");
        emulator.WriteStation(station, RepositoryPaths.Rigs, Path.Combine(_open, "results.db"), Path.Combine(_open, "logs"));
        File.SetUnixFileMode(station, ReadOnly);

        CliProcessResult check = await UsocHilProcess.RunAsync(_open, ["--station", station, "check", "furnace-em"], cancellationToken, unprivileged: true);
        CliProcessResult run = await UsocHilProcess.RunAsync(_open, ["--station", station, "run", "furnace-em", "certify", "--yes"], cancellationToken, unprivileged: true);

        string[] checkLines = check.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(check.ExitCode, Is.EqualTo(3), check.Describe());
        Assert.That(checkLines, Has.Length.EqualTo(1), check.Describe());
        Assert.That(checkLines[0], Does.Contain(device).And.Contain("Permission denied"));
        Assert.That(run.ExitCode, Is.EqualTo(3), run.Describe());
        string ended = run.LastLine("Run ended");
        Assert.That(ended, Does.Contain(device).And.Contain("Permission denied"), run.Describe());
        Assert.That(check.All + run.All, Does.Not.Contain("   at "), "no stack trace");
        IReadOnlyList<TruthRecord> truth = TruthWriter.ReadAll(Truth);
        Assert.That(truth, Is.Not.Empty);
        Assert.That(truth.Any(r => r.PowerEnable || r.SupplyOutputOn || r.HeaterArm), Is.False, "the payload was never powered: nothing reached the rig");
        ReliabilityRecord.Write("bad input", "permission denied (usoc-hil as user nobody): the payload's serial device (an emulator pty, mode 000)", 2,
            $"`check`: exit 3, one line: {checkLines[0]}; `run`: exit 3, {ended}; the truth file shows POWER_EN, HEATER_ARM and the supply never on");
    }

    private string Truth => Path.Combine(_open, "truth.jsonl");

    private string[] Run(string station) => ["--station", station, "run", "furnace-em", "certify", "--yes", "--truth", Truth];

    private string Station(string name, string results, string logs)
    {
        string file = Path.Combine(_directory, name);
        File.WriteAllText(file, JsonSerializer.Serialize(new
        {
            station = "permissions",
            results,
            rigsDirectory = RepositoryPaths.Rigs,
            logging = new { level = "Information", directory = logs },
            rigs = new Dictionary<string, object> { ["furnace-em"] = new { emulated = true, timeScale = 400, seed = 2 } },
        }));
        File.SetUnixFileMode(file, ReadOnly);
        return file;
    }
}
