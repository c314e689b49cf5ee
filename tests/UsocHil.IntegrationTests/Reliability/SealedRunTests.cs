using Microsoft.Data.Sqlite;
using UsocHil.Cli;
using UsocHil.IntegrationTests.Support;
using UsocHil.Sealing;

namespace UsocHil.IntegrationTests.Reliability;

/// <summary>
/// Sealing as <c>usoc-hil run</c> does it on the emulated furnace: the seal signed and anchored and its head printed,
/// a station key others may read refused before the rig is touched, and a live run seen from another PID namespace
/// left to its writer.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SealedRunTests
{
    [Test]
    [CancelAfter(240_000)]
    public async Task Run_SealSignedAnchoredAndPrinted_KeyReadableByGroupRefusedBeforeTheRig(CancellationToken ct)
    {
        using TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 5);
        string db = Path.Combine(station.Directory, "results.db");
        string key = Path.Combine(station.Directory, StationKey.DirectoryName, StationKey.PrivateFileName);

        CliProcessResult first;
        await using (RunningCli run = station.Run("certify"))
        {
            first = await run.WaitForExitAsync(ct);
        }

        Assert.That(first.ExitCode, Is.EqualTo(ExitCodes.Passed).Or.EqualTo(ExitCodes.VerdictFailed), first.Describe());
        AnchorEntry head = AnchorEntry.Parse(File.ReadAllLines(db + ".anchor").Single())!;
        Assert.That(first.Stdout, Does.Contain($"anchor: seq 1 hash {head.RecordHash[..12]}… signed ({db}.anchor)"));
        Assert.That(File.GetUnixFileMode(key), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        CliProcessResult verified = await UsocHilProcess.RunAsync(station.Directory, ["results", "verify"], ct);
        Assert.That(verified.ExitCode, Is.EqualTo(ExitCodes.Passed), verified.Describe());

        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.Delete(station.TruthFile);
        CliProcessResult refused;
        await using (RunningCli run = station.Run("certify"))
        {
            refused = await run.WaitForExitAsync(ct);
        }

        string[] lines = refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration), refused.Describe());
        Assert.That(lines, Has.Length.EqualTo(1), refused.Describe());
        Assert.That(lines[0], Does.Contain(key).And.Contain("group or others").And.Contain("chmod 600"));
        Assert.That(File.Exists(station.TruthFile), Is.False, "the emulator never started: nothing was sent");
        ReliabilityRecord.Write("security", "station sealing key made readable by its group (mode 0640) before a run", 1,
            $"exit 2, one line: {lines[0].Replace(station.Directory + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)}; emulator never started");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task LiveRun_ArchiveOpenedFromAnotherPidNamespace_LeftRunningThenSealedAsItEnded(CancellationToken ct)
    {
        using TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 6, timeScale: 40);
        string db = Path.Combine(station.Directory, "results.db");
        CliProcessResult ended;
        (int Exit, string Output, string Error) list, verify;
        await using (RunningCli live = station.Run("certify"))
        {
            await live.Stdout.WaitForAsync("Running ", ct);
            // A reader that cannot see the writer's process: its own PID namespace (and /proc), the same host name.
            list = await InOtherPidNamespaceAsync(["results", "list", "--results", db], ct);
            verify = await InOtherPidNamespaceAsync(["results", "verify", "--results", db], ct);
            Assert.That(live.Process.HasExited, Is.False, "the run was still going while the other namespace looked");
            ended = await live.WaitForExitAsync(ct);
        }

        Assert.That(list.Exit, Is.Zero, list.Error);
        Assert.That(verify.Exit, Is.EqualTo(ExitCodes.Passed), verify.Output + verify.Error);
        Assert.That(verify.Output, Does.Contain("run 1: still being recorded"));
        Assert.That(ended.ExitCode, Is.EqualTo(ExitCodes.Passed).Or.EqualTo(ExitCodes.VerdictFailed), ended.Describe());
        await using var c = new SqliteConnection($"Data Source={db};Pooling=false;Mode=ReadOnly");
        await c.OpenAsync(ct);
        await using SqliteCommand outcome = c.CreateCommand();
        outcome.CommandText = "SELECT outcome FROM runs WHERE id = 1";
        Assert.That(await outcome.ExecuteScalarAsync(ct), Is.EqualTo(ended.ExitCode == 0 ? "passed" : "failed"));
        CliProcessResult after = await UsocHilProcess.RunAsync(station.Directory, ["results", "verify"], ct);
        Assert.That(after.ExitCode, Is.EqualTo(ExitCodes.Passed), after.Describe());
        ReliabilityRecord.Write("security", "archive of a live run opened (results list, verify) from another PID namespace with the same host name", 1,
            $"run left running (verify: still being recorded, exit 0), then sealed by its own writer as {(ended.ExitCode == 0 ? "passed" : "failed")}; chain intact");
    }

    private static Task<(int Exit, string Output, string Error)> InOtherPidNamespaceAsync(string[] args, CancellationToken ct) =>
        PythonProcess.RunAsync("unshare", ["--user", "--map-root-user", "--pid", "--fork", "--mount-proc", "dotnet", UsocHilProcess.Program, .. args], null, ct);
}
