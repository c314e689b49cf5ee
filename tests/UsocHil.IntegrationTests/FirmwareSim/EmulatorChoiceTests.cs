using System.Text.Json.Nodes;
using Serilog.Core;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>A station binding (or <c>emulate --emulator</c>) picks another registered emulator than the one rig.json names.</summary>
public sealed class EmulatorChoiceTests
{
    private const string Rig = "furnace-em";

    [Test]
    [CancelAfter(60_000)]
    public async Task ConfigValidate_BindingNamesAnUnregisteredEmulator_OneLineNamingStationFileAndField(CancellationToken cancellationToken)
    {
        using var station = Station("simulink");

        CliProcessResult validate = await UsocHilProcess.RunAsync(station.Directory, ["config", "validate"], cancellationToken);

        Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Stdout + "\n" + validate.Stderr);
        Assert.That(validate.Stderr, Does.Contain("rig-config.json").And.Contain($"$.rigs.{Rig}.emulator").And.Contain("'simulink' is not registered"));
        Assert.That(validate.Stderr, Does.Not.Contain("   at "));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Emulate_EmulatorModel_RunsTheFurnaceFromItsModelAndAnswersTheReferenceProbe(CancellationToken cancellationToken)
    {
        using var station = Station(null);

        using RunningCli emulator = UsocHilProcess.Start(station.Directory, ["emulate", Rig, "--emulator", "model", "--time-scale", "50", "--payload", "tcp"]);
        await emulator.Stdout.WaitForLineAsync(line => line == "}", cancellationToken);

        Assert.That(emulator.Output, Does.Contain("(emulator model)"));
        JsonObject binding = JsonNode.Parse(emulator.Output[emulator.Output.IndexOf('{', emulator.Output.IndexOf("Station binding", StringComparison.Ordinal))..])![Rig]!.AsObject();
        Assert.That(binding["links"]!["payload"]!["tcp"], Is.Not.Null, binding.ToJsonString());
        Assert.That(binding["instruments"]!.AsObject().Select(i => i.Key), Is.EquivalentTo(new[] { "supply", "dmm" }));
        emulator.Signal(15);
        await emulator.WaitForExitAsync(cancellationToken);
    }

    [TestCase(null, "furnace")]
    [TestCase("model", "model")]
    [CancelAfter(120_000)]
    public async Task Run_OnAnEmulatedRig_TheRecordNamesTheEmulatorItsScaleSeedAndFaults(string? chosen, string expected, CancellationToken cancellationToken)
    {
        using var station = Station(chosen);

        File.WriteAllText(Path.Combine(station.Directory, "rigs", Rig, "sequences", "boot.json"), """
            { "sequence": "boot", "version": "1.0.0",
              "powerUp": [ { "kind": "power", "supply": "on", "lines": { "POWER_EN": true } },
                           { "kind": "wait", "parameter": "MODE", "equals": "IDLE", "timeoutSeconds": 120 } ],
              "steps": [ { "kind": "command", "command": "ARE_YOU_ALIVE" } ] }
            """);
        CliProcessResult run = await UsocHilProcess.RunAsync(station.Directory, ["run", Rig, "boot", "--yes"], cancellationToken);
        Assert.That(run.ExitCode, Is.Zero, run.Stdout + "\n" + run.Stderr);

        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(Path.Combine(station.Directory, "results.db"), TimeProvider.System, Logger.None, cancellationToken);
        RunRecord record = await archive.ReadRunAsync((await archive.ListRunsAsync(cancellationToken)).Single().Id, cancellationToken);
        Assert.That(record.Events.Where(e => e.Name == "emulator").Select(e => e.Data), Is.EqualTo(new[]
        {
            $"emulated by the '{expected}' emulator at 50x rig time, unit seed 3, no faults",
        }));
    }

    private static TemporaryStation Station(string? emulator) => TemporaryStation.EmulatedFurnace(seed: 3, timeScale: 50, emulator: emulator);
}
