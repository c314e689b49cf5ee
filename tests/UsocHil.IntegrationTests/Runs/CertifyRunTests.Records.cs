using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>What a review board gets from a failed certification: a nonconformance draft that names the requirement.</summary>
public sealed partial class CertifyRunTests
{
    [Test]
    [CancelAfter(90_000)]
    public async Task RunCertify_StuckThermocouple_DraftsANonconformanceNamingTheRequirement(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed, faults: ["stuck-tc=2"]);
        station.InstallEeprom(_preparedEeprom);
        using RunningCli run = station.Run("certify");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(1), run.Output + "\n" + run.Error);
        JsonNode[] drafts = [.. Directory.GetFiles(Path.Combine(station.Directory, "nonconformances"), "NCR-*.json").Select(f => JsonNode.Parse(File.ReadAllText(f))!)];
        JsonNode agreement = drafts.Single(d => d["requirement"]?.GetValue<string>() == "FUR-TC-003");
        Assert.That(agreement["observed"]!.GetValue<string>(), Does.Contain("thermocouples-agree").And.Contain("TC2_TEMP"));
        Assert.That(agreement["item"]!.GetValue<string>(), Does.Contain("furnace-em"));
        Assert.That(agreement["containment"]!.GetValue<string>(), Does.StartWith("rig safed"));
        Assert.That(drafts.Select(d => d["observed"]!.GetValue<string>()), Has.Some.Contains("auto-confirmed prompt"), "--yes answered the safety prompt");
        Assert.That(run.Error + run.Output, Does.Contain("nonconformance drafted"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task RunCertify_FormalWithYesAndNoWaiver_RefusedWithExitTwo(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed);
        using RunningCli run = station.Run("certify", "--formal");

        int exit = (await run.WaitForExitAsync(cancellationToken)).ExitCode;

        Assert.That(exit, Is.EqualTo(2), run.Output + "\n" + run.Error);
        Assert.That(run.Error, Does.Contain("formal run refuses --yes").And.Contain("--waiver"));
        Assert.That(File.Exists(Path.Combine(station.Directory, "results.db")), Is.False, "refused before the archive was opened");
    }
}
