using UsocHil.Cli;
using UsocHil.Cli.Commands;

namespace UsocHil.Tests.Cli.Commands;

public sealed class DirectConfigValidateTests
{
    [TestCase("config", "validate")]
    [TestCase("config", "validate", "rig-config.json")]
    [TestCase("config", "validate", "stations/lab one.json")]
    public void Accepts_PlainForms_True(params string[] args)
    {
        Assert.That(DirectConfigValidate.Accepts(args), Is.True);
    }

    [TestCase("config")]
    [TestCase("config", "validate", "--raw")]
    [TestCase("config", "validate", "-v")]
    [TestCase("config", "validate", "--help")]
    [TestCase("config", "validate", "@args.rsp")]
    [TestCase("config", "validate", "[diagram]")]
    [TestCase("config", "validate", "")]
    [TestCase("config", "validate", " ")]
    [TestCase("config", "validate", "a.json", "b.json")]
    [TestCase("config", "validate", "rig-config.json", "--raw")]
    [TestCase("--station", "rig-config.json", "config", "validate")]
    [TestCase("Config", "validate")]
    [TestCase("config", "bogus")]
    public void Accepts_AnythingElse_LeftToTheParser(params string[] args)
    {
        Assert.That(DirectConfigValidate.Accepts(args), Is.False);
    }

    [Test]
    public async Task RunAsync_ShippedStation_SameAsTheParsedCommand()
    {
        CliResult direct = await CliRunner.RunAsync("config", "validate", RepositoryPaths.StationFile);
        CliResult parsed = await CliRunner.RunAsync("--station", RepositoryPaths.StationFile, "config", "validate");

        Assert.That(direct.ExitCode, Is.EqualTo(ExitCodes.Passed), direct.Error);
        Assert.That((direct.ExitCode, direct.Output, direct.Error), Is.EqualTo((parsed.ExitCode, parsed.Output, parsed.Error)));
    }

    [Test]
    public async Task RunAsync_BrokenStation_SameProblemsAndExitCodeAsTheParsedCommand()
    {
        using var station = TemporaryStation.CopyOfShipped();
        File.WriteAllText(station.StationFile, """{ "rigs": { "furnace-em": { "emulated": true, "seed": "one" }, "oven-qm": { "emulated": true } } }""");

        CliResult direct = await CliRunner.RunAsync("config", "validate", station.StationFile);
        CliResult parsed = await CliRunner.RunAsync("--station", station.StationFile, "config", "validate");

        Assert.That(direct.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(direct.ErrorLines, Has.Count.EqualTo(2));
        Assert.That((direct.ExitCode, direct.Output, direct.Error), Is.EqualTo((parsed.ExitCode, parsed.Output, parsed.Error)));
    }

    [Test]
    public async Task RunAsync_NoSuchStation_SameAsTheParsedCommand()
    {
        string missing = Path.Combine(TestDirectories.Create("no-station"), "rig-config.json");

        CliResult direct = await CliRunner.RunAsync("config", "validate", missing);
        CliResult parsed = await CliRunner.RunAsync("--station", missing, "config", "validate");

        Assert.That(direct.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That((direct.ExitCode, direct.Output, direct.Error), Is.EqualTo((parsed.ExitCode, parsed.Output, parsed.Error)));
    }
}
