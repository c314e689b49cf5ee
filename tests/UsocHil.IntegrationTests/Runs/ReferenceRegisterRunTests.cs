using System.Text.Json.Nodes;
using Serilog.Core;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// A station whose reference multimeter is past its calibration due date: <c>run</c> refuses before the rig is touched
/// (exit 2); overridden, the run goes ahead, its record says it is not valid for acceptance and a nonconformance is
/// drafted beside the station file.
/// </summary>
public sealed class ReferenceRegisterRunTests
{
    private static TemporaryStation StationWithExpiredReference()
    {
        var station = TemporaryStation.EmulatedFurnace(seed: 3);
        station.Configure(config => config["register"] = new JsonArray(new JsonObject
        {
            ["rig"] = TestRigs.FurnaceName,
            ["instrument"] = "dmm",
            ["serial"] = "DMM-0042",
            ["certificate"] = "CAL-2024-117",
            ["calibrated"] = "2024-01-10",
            ["due"] = "2025-01-10",
            ["uncertainty"] = 0.05,
        }));
        return station;
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Run_ExpiredReference_RefusedWithExitTwoAndNothingRecorded(CancellationToken cancellationToken)
    {
        using TemporaryStation station = StationWithExpiredReference();
        using RunningCli run = station.Run("certify");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(2), run.Output + "\n" + run.Error);
        Assert.That(run.Error, Does.Contain("dmm").And.Contain("DMM-0042").And.Contain("2025-01-10").And.Contain("--accept-invalid-reference"));
        Assert.That(File.Exists(station.TruthFile) && File.ReadAllText(station.TruthFile).Length > 0, Is.False, "the emulator was never started");
    }

    [Test]
    [CancelAfter(90_000)]
    public async Task Run_ExpiredReferenceOverridden_NotValidForAcceptanceAndANonconformanceDrafted(CancellationToken cancellationToken)
    {
        using TemporaryStation station = StationWithExpiredReference();
        using RunningCli run = station.Run("certify", "--accept-invalid-reference");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.Not.EqualTo(2), run.Output + "\n" + run.Error);
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunRecord record = await archive.ReadRunAsync((await archive.ListRunsAsync(cancellationToken)).Single().Id, cancellationToken);
        Assert.That(record.Events.Select(e => e.Data), Has.Some.Contains("NOT VALID FOR ACCEPTANCE").And.Some.Contains("DMM-0042"));
        string folder = Path.Combine(station.Directory, "nonconformances");
        string[] drafts = Directory.GetFiles(folder, "NCR-*.json");
        JsonNode reference = drafts.Select(f => JsonNode.Parse(File.ReadAllText(f))!).Single(d => d["observed"]!.GetValue<string>().Contains("DMM-0042"));
        Assert.That(reference["observed"]!.GetValue<string>(), Does.Contain("not valid for acceptance"));
        Assert.That(reference["proposedClass"]!.GetValue<string>(), Is.EqualTo("major"));
        Assert.That(reference["containment"]!.GetValue<string>(), Does.StartWith("rig safed"));
        Assert.That(reference["configuration"]!.GetValue<string>(), Does.Contain("certificate CAL-2024-117"));
    }
}
