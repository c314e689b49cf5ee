using UsocHil.Cli;

namespace UsocHil.Tests.Cli;

public sealed class ConfigValidateCommandTests
{
    [Test]
    public async Task ConfigValidate_ShippedFiles_ExitsZero()
    {
        CliResult result = await CliRunner.RunAsync("config", "validate", RepositoryPaths.StationFile);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
        Assert.That(result.Output, Does.Contain("valid"));
    }

    [Test]
    public async Task ConfigValidate_ThreeProblems_PrintsOneLinePerProblemAndExitsTwo()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, """
            {
              "rigs": {
                "furnace-em": { "emulated": true, "seed": "one", "gpio": { "pins": {} } },
                "oven-qm": { "emulated": true }
              }
            }
            """);

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "config", "validate");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(3));
        Assert.That(result.ErrorLines, Has.All.StartsWith(station.StationFile + ":"));
        Assert.That(result.Error, Does.Contain(":3: $.rigs.furnace-em.seed: wrong type"));
        Assert.That(result.Error, Does.Contain(":3: $.rigs.furnace-em.gpio.binding: missing required field"));
        Assert.That(result.Error, Does.Contain(":4: $.rigs.oven-qm: unknown rig"));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task ConfigValidate_HeartbeatAndBootEventNotInTheDictionary_OneLineEachAndExitsTwo()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string rigFile = station.RigFile("furnace-em");
        File.WriteAllText(rigFile, File.ReadAllText(rigFile)
            .Replace("\"command\": \"ARE_YOU_ALIVE\"", "\"command\": \"PING\"", StringComparison.Ordinal)
            .Replace("\"bootEvent\": \"BOOT_COMPLETE\"", "\"bootEvent\": \"BOOTED\"", StringComparison.Ordinal));

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "config", "validate");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(2));
        Assert.That(result.ErrorLines, Has.All.Contains("rig.json:"));
        Assert.That(result.Error, Does.Contain("$.session.heartbeat.command: unknown command 'PING'"));
        Assert.That(result.Error, Does.Contain("$.session.bootEvent: unknown event 'BOOTED'"));
    }

    [Test]
    public async Task UnknownCommand_ExitsTwoWithHint()
    {
        CliResult result = await CliRunner.RunAsync("calibrate-everything");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.Error, Does.Contain("--help"));
    }

    [TestCase("rigs")]
    [TestCase("check")]
    [TestCase("run")]
    [TestCase("emulate")]
    [TestCase("results")]
    [TestCase("report")]
    [TestCase("packet")]
    [TestCase("graph")]
    [TestCase("config")]
    public async Task Help_EveryCommand_DescribesIt(string command)
    {
        CliResult result = await CliRunner.RunAsync(command, "--help");

        Assert.That(result.ExitCode, Is.Zero);
        Assert.That(result.Output, Does.Contain("Description:"));
        Assert.That(result.Output, Does.Contain("Usage:"));
    }

    [Test]
    public async Task Help_Root_ListsExitCodes()
    {
        CliResult result = await CliRunner.RunAsync("--help");

        Assert.That(result.Output, Does.Contain("130 aborted by the operator"));
    }
}
