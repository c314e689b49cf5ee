using System.Text.Json;

namespace UsocHil.IntegrationTests.Extending;

/// <summary>
/// A payload UsocHil has never heard of (the toy oven: an ASCII line protocol over TCP, its emulator, a soak step, a
/// settled check, a results sink), added by naming its assembly in the station file, runs through the real CLI: it
/// passes or fails on its own check, is always left safe, and is archived like any run.
/// </summary>
public sealed class ToyPayloadRunTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task Run_ToyOvenSoak_PassesSafesArchivesAndReachesTheSink(CancellationToken cancellationToken)
    {
        using var toy = new ToyStation();

        CliProcessResult run = await UsocHilProcess.RunAsync(toy.Root, ["--station", toy.StationFile, "run", "toy-rig", "soak", "--yes", "--truth", toy.TruthFile], cancellationToken);

        Assert.That(run.ExitCode, Is.Zero, run.Stdout + "\n" + run.Stderr);
        Assert.That(run.Stdout, Does.Contain("soak: Passed"));
        Assert.That(run.Stdout, Does.Contain("TEMP settled"));
        AssertLeftSafe(toy);
        CliProcessResult list = await UsocHilProcess.RunAsync(toy.Root, ["--station", toy.StationFile, "results", "show", "1"], cancellationToken);
        Assert.That(list.ExitCode, Is.Zero, list.Stderr);
        Assert.That(list.Stdout, Does.Contain("soak on toy-rig").And.Contain("passed"));
        using JsonDocument sunk = JsonDocument.Parse(File.ReadAllLines(toy.SinkFile).Single());
        Assert.That(sunk.RootElement.GetProperty("runId").GetInt64(), Is.EqualTo(1));
        Assert.That(sunk.RootElement.GetProperty("outcome").GetString(), Is.EqualTo("Passed"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task Run_ToyOvenSettledCheckFails_ExitsOneAndStillSafes(CancellationToken cancellationToken)
    {
        using var toy = new ToyStation();

        CliProcessResult run = await UsocHilProcess.RunAsync(toy.Root, ["--station", toy.StationFile, "run", "toy-rig", "soak-wrong-target", "--yes", "--truth", toy.TruthFile], cancellationToken);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Stdout + "\n" + run.Stderr);
        Assert.That(run.Stdout, Does.Contain("TEMP settled").And.Contain("fail"));
        AssertLeftSafe(toy);
        using JsonDocument sunk = JsonDocument.Parse(File.ReadAllLines(toy.SinkFile).Single());
        Assert.That(sunk.RootElement.GetProperty("outcome").GetString(), Is.Not.EqualTo("Passed"));
    }

    /// <summary>The oven's hidden truth: it was heated during the run, and its last state is heater off, safe.</summary>
    private static void AssertLeftSafe(ToyStation toy)
    {
        string[] truth = File.ReadAllLines(toy.TruthFile);
        Assert.That(truth, Has.Some.Contains("\"heat\":true"), "the oven was never heated");
        using JsonDocument last = JsonDocument.Parse(truth[^1]);
        Assert.That(last.RootElement.GetProperty("heat").GetBoolean(), Is.False, truth[^1]);
        Assert.That(last.RootElement.GetProperty("safe").GetBoolean(), Is.True, truth[^1]);
        Assert.That(truth, Has.Some.Contains("\"why\":\"SAFE\""), "safing never sent SAFE");
    }
}
