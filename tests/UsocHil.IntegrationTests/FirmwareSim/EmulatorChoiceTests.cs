using System.Text.Json.Nodes;

namespace UsocHil.IntegrationTests.FirmwareSim;

/// <summary>A station binding (or <c>emulate --emulator</c>) picks another registered emulator than the one rig.json names.</summary>
public sealed class EmulatorChoiceTests
{
    private const string Rig = "furnace-em";

    [Test]
    [CancelAfter(60_000)]
    public async Task ConfigValidate_BindingNamesAnUnregisteredEmulator_OneLineNamingStationFileAndField(CancellationToken cancellationToken)
    {
        string station = Station("simulink");
        try
        {
            CliProcessResult validate = await UsocHilProcess.RunAsync(station, ["config", "validate"], cancellationToken);

            Assert.That(validate.ExitCode, Is.EqualTo(2), validate.Stdout + "\n" + validate.Stderr);
            Assert.That(validate.Stderr, Does.Contain("rig-config.json").And.Contain($"$.rigs.{Rig}.emulator").And.Contain("'simulink' is not registered"));
            Assert.That(validate.Stderr, Does.Not.Contain("   at "));
        }
        finally
        {
            Directory.Delete(station, recursive: true);
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Emulate_EmulatorModel_RunsTheFurnaceFromItsModelAndAnswersTheReferenceProbe(CancellationToken cancellationToken)
    {
        string station = Station(null);
        try
        {
            using RunningCli emulator = UsocHilProcess.Start(station, ["emulate", Rig, "--emulator", "model", "--time-scale", "50", "--payload", "tcp"]);
            await emulator.Stdout.WaitForLineAsync(line => line == "}", cancellationToken);

            Assert.That(emulator.Output, Does.Contain("(emulator model)"));
            JsonObject binding = JsonNode.Parse(emulator.Output[emulator.Output.IndexOf('{', emulator.Output.IndexOf("Station binding", StringComparison.Ordinal))..])![Rig]!.AsObject();
            Assert.That(binding["links"]!["payload"]!["tcp"], Is.Not.Null, binding.ToJsonString());
            Assert.That(binding["instruments"]!.AsObject().Select(i => i.Key), Is.EquivalentTo(new[] { "supply", "dmm" }));
            emulator.Signal(15);
            await emulator.WaitForExitAsync(cancellationToken);
        }
        finally
        {
            Directory.Delete(station, recursive: true);
        }
    }

    private static string Station(string? emulator)
    {
        string directory = TestDirectories.Create("emulator-choice");
        string rigDirectory = Path.Combine(directory, "rigs", Rig);
        Directory.CreateDirectory(Path.Combine(rigDirectory, "sequences"));
        foreach (string file in Directory.GetFiles(RepositoryPaths.RigDirectory(Rig)))
        {
            File.Copy(file, Path.Combine(rigDirectory, Path.GetFileName(file)));
        }

        foreach (string sequence in Directory.GetFiles(Path.Combine(RepositoryPaths.RigDirectory(Rig), "sequences"), "*.json"))
        {
            File.Copy(sequence, Path.Combine(rigDirectory, "sequences", Path.GetFileName(sequence)));
        }

        var binding = new JsonObject { ["emulated"] = true, ["timeScale"] = 50, ["seed"] = 3 };
        if (emulator is not null)
        {
            binding["emulator"] = emulator;
        }

        var config = new JsonObject
        {
            ["station"] = "choice",
            ["results"] = "results.db",
            ["logging"] = new JsonObject { ["level"] = "Information", ["directory"] = "logs" },
            ["rigs"] = new JsonObject { [Rig] = binding },
        };
        File.WriteAllText(Path.Combine(directory, "rig-config.json"), config.ToJsonString());
        return directory;
    }
}
