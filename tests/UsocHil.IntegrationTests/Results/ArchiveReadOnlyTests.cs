using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using UsocHil.Cli;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Results;

/// <summary>
/// Reading an archive never writes it (issue 19): results list, show, export and verify leave its bytes and its
/// modification time as they were, even with a run in it whose recorder is gone (reading never seals it), work on an
/// archive the user may only read, and a device named as the archive is refused with one line, exit 2.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ArchiveReadOnlyTests
{
    private string _dir = null!;

    private string Db => Path.Combine(_dir, "results.db");

    [SetUp]
    public void SetUp() => _dir = TestDirectories.Create("readonly");

    [TearDown]
    public void TearDown()
    {
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task ResultsCommands_OnAReadOnlyArchiveWithAnOrphanedRun_LeaveItsBytesAndTimeUnchanged(CancellationToken ct)
    {
        await SampleArchive.RecordAsync(Db, 2, ct);
        await LeaveOrphanedRunAsync(ct);
        File.SetUnixFileMode(Db, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        byte[] before = SHA256.HashData(File.ReadAllBytes(Db));
        DateTime modified = File.GetLastWriteTimeUtc(Db);
        string[] filesBefore = Directory.GetFiles(_dir);
        string exports = TestDirectories.Create("export");
        File.SetUnixFileMode(exports, (UnixFileMode)0b111_111_111); // the export is written by user nobody
        string export = Path.Combine(exports, "run-1.json");

        string[][] commands =
        [
            ["results", "list", "--results", Db],
            ["results", "show", "3", "--results", Db],
            ["results", "verify", "--results", Db],
            ["results", "export", "1", "--json", export, "--results", Db],
        ];
        var outputs = new List<CliProcessResult>();
        foreach (string[] command in commands)
        {
            // As user nobody when the tests run as root (root may write anything), so the folder and file are truly read-only.
            CliProcessResult result = await UsocHilProcess.RunAsync(null, command, ct, unprivileged: true);
            outputs.Add(result);
            // verify reports the run left running with no writer as damage (exit 1); it must not seal it.
            int expected = command[1] == "verify" ? ExitCodes.VerdictFailed : ExitCodes.Passed;
            Assert.That(result.ExitCode, Is.EqualTo(expected), $"{string.Join(' ', command)}\n{result.Describe()}");
        }

        Assert.That(File.Exists(export), Is.True, "the export was written");
        Directory.Delete(exports, recursive: true);
        Assert.That(outputs[0].Stdout, Does.Contain("3 run(s)"));
        Assert.That(outputs[1].Stdout, Does.Contain("running"), "a run whose recorder is gone is shown as left, not sealed by a reader");
        Assert.That(outputs[2].Stdout, Does.Contain("2 sealed run(s) checked"), outputs[2].Describe());
        Assert.That(outputs[2].Stderr, Does.Contain("run 3").And.Contain("not sealed"), outputs[2].Describe());
        Assert.That(SHA256.HashData(File.ReadAllBytes(Db)), Is.EqualTo(before), "the archive's bytes");
        Assert.That(File.GetLastWriteTimeUtc(Db), Is.EqualTo(modified), "the archive's modification time");
        Assert.That(Directory.GetFiles(_dir), Is.EquivalentTo(filesBefore), "no journal or lock files left beside it");
        ReliabilityRecord.Write("bad input", "results list, show, export and verify on a read-only archive (file 0444, folder 0555) holding a run whose recorder is gone", commands.Length,
            "list, show, export exit 0, verify names the orphaned run (exit 1); the archive's bytes (SHA-256) and modification time unchanged and nothing created beside it; the orphaned run shown as running, not sealed by a reader (before: verify sealed it, and a read-only folder could not be read)");
    }

    [TestCase("/dev/zero", "list")]
    [TestCase("/dev/full", "verify")]
    [TestCase("/dev/null", "list")]
    [CancelAfter(60_000)]
    public async Task ArchiveIsADevice_RefusedWithOneLineExit2(string device, string command, CancellationToken ct)
    {
        using var station = TemporaryStation.EmulatedFurnace(seed: 1);
        CliProcessResult read = await UsocHilProcess.RunAsync(_dir, ["results", command, "--results", device], ct);
        CliProcessResult run = await UsocHilProcess.RunAsync(station.Directory,
            ["run", TestRigs.FurnaceName, "calibrate-thermocouples", "--yes", "--results", device, "--truth", station.TruthFile], ct);

        foreach (CliProcessResult result in new[] { read, run })
        {
            Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration), result.Describe());
            Assert.That(result.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), result.Describe());
            Assert.That(result.Stderr, Does.Contain(device).And.Contain("device"));
        }

        Assert.That(File.Exists(station.TruthFile), Is.False, "run refused before the emulator started");
        Assert.That(File.Exists(device + "-journal") || File.Exists(device + "-wal"), Is.False, "nothing created beside the device");
        ReliabilityRecord.Write("bad input", $"`{device}` as the results archive (`results {command}`, `run --results`)", 2,
            "exit 2, one line naming it as a character device; nothing read from or created beside it; run refused before the emulator started");
    }

    /// <summary>A run begun and never sealed, owned by a process that no longer exists (as after a SIGKILL).</summary>
    private async Task LeaveOrphanedRunAsync(CancellationToken ct)
    {
        await using (ResultsArchive archive = await ResultsArchive.OpenAsync(Db, TimeProvider.System, Serilog.Core.Logger.None, ct))
        {
            RunRecorder recorder = await archive.BeginRunAsync(new RunHeader { Rig = TestRigs.FurnaceName, Sequence = "certify" }, TimeProvider.System, ct);
            await recorder.RecordValueAsync("CONTROL_TEMP", 21.5, "degC", ct);
            await recorder.FlushAsync(ct);
        }

        await using var connection = new SqliteConnection($"Data Source={Db};Pooling=False");
        await connection.OpenAsync(ct);
        await using SqliteCommand update = connection.CreateCommand();
        update.CommandText = "UPDATE runs SET owner = $owner WHERE id = 3";
        update.Parameters.AddWithValue("$owner", $"{Environment.MachineName}/2147483646/0");
        Assert.That(await update.ExecuteNonQueryAsync(ct), Is.EqualTo(1));
    }
}
