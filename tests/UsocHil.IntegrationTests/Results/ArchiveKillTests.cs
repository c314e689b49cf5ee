using System.Diagnostics;
using System.Text.RegularExpressions;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Results;

/// <summary>The harness killed with SIGKILL mid-run: the archive must open cleanly, the run be marked interrupted, and every measurement the log said was recorded be there.</summary>
public sealed partial class ArchiveKillTests
{
    [GeneratedRegex(@"Run (\d+): measurement (.+) = (\S+) recorded")]
    private static partial Regex RecordedLine();

    [Test]
    [CancelAfter(120_000)]
    public async Task Sigkill_MidRun_RunInterruptedAndEveryLoggedMeasurementPresent(CancellationToken ct)
    {
        using TemporaryStation station = TemporaryStation.EmulatedFurnace(seed: 1);
        string db = Path.Combine(station.Directory, "results.db");
        var logged = new List<(long Run, string Name, string Value)>();
        // -v: the archive writer's "recorded" lines are Information, which a run shows only in its log file unless asked.
        using (var child = Process.Start(UsocHilProcess.StartInfo(["--station", station.StationFile, "run", TestRigs.FurnaceName, "calibrate-thermocouples", "--yes", "-v"]))!)
        {
            try
            {
                while (logged.Count < 12 && await child.StandardError.ReadLineAsync(ct) is { } line)
                {
                    TestContext.Out.WriteLine(line);
                    if (RecordedLine().Match(line) is { Success: true } m)
                    {
                        logged.Add((long.Parse(m.Groups[1].Value), m.Groups[2].Value, m.Groups[3].Value));
                    }
                }

                Assert.That(child.HasExited, Is.False, "the calibration must still be running when it is killed");
            }
            finally
            {
                child.Kill(); // SIGKILL on Linux: no handler, no flush, no finally in the child.
                await child.WaitForExitAsync(ct);
            }

            Assert.That(child.ExitCode, Is.EqualTo(137));
        }

        Assert.That(logged, Has.Count.EqualTo(12));
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(db, TimeProvider.System, Serilog.Core.Logger.None, ct);
        RunRecord run = await archive.ReadRunAsync(logged[0].Run, ct);

        Assert.That(run.Summary.Outcome, Is.EqualTo(ArchivedOutcome.Interrupted));
        var stored = run.Measurements.Select(m => (m.Name, m.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        foreach (var (_, name, value) in logged)
        {
            Assert.That(stored.Remove((name, value)), Is.True, $"logged as recorded but missing: {name} = {value}");
        }

        Assert.That(run.Telemetry, Is.Not.Empty);
        Assert.That((await archive.VerifyAsync(ct)).Intact, Is.True);
    }
}
