using UsocHil.Cli;
using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.MissionDatabase;

namespace UsocHil.Tests.Cli;

/// <summary><c>dictionary export</c>, and <c>dictionary import --onto</c> bringing it back as a runnable rig.</summary>
public sealed class DictionaryExportCommandTests
{
    [TestCase("--xtce", "furnace.xtce.xml")]
    [TestCase("--mib", "mib")]
    public async Task ExportThenImportOnto_Furnace_GivesItsDictionaryAndKeepsTheBench(string format, string target)
    {
        using var station = TemporaryStation.CopyOfShipped();
        string folder = Path.GetDirectoryName(station.StationFile)!;
        string exported = Path.Combine(folder, target);

        CliResult export = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "export", "furnace-em", format, exported);
        CliResult import = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", format, exported, "--rig", "furnace-copy", "--onto", station.RigFile("furnace-em"));

        Assert.That(export.ExitCode, Is.EqualTo(ExitCodes.Passed), export.Error);
        Assert.That(import.ExitCode, Is.EqualTo(ExitCodes.Passed), import.Error);
        Assert.That(import.Output, Does.Contain("0 approximated, 0 dropped (0 safety-relevant)"));
        RigDefinition original = RigLoader.Load(station.RigFile("furnace-em"));
        RigDefinition copy = RigLoader.Load(station.RigFile("furnace-copy"));
        Assert.That(CanonicalDictionary.Of(copy), Is.EqualTo(CanonicalDictionary.Of(original)));
        Assert.That((copy.Name, copy.Emulator, copy.Profile, copy.Expectations!.Dynamics), Is.EqualTo(("furnace-copy", original.Emulator, original.Profile, original.Expectations!.Dynamics)));
        Assert.That(copy.Safing.Commands, Is.EqualTo(original.Safing.Commands));
        Assert.That(copy.Gpio, Is.EqualTo(original.Gpio));
    }

    [Test]
    public async Task Export_NeitherOrBothFormats_IsUsageExitTwo()
    {
        using var station = TemporaryStation.CopyOfShipped();

        CliResult neither = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "export", "furnace-em");

        Assert.That(neither.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(neither.Error, Does.Contain("give --xtce FILE or --mib DIR"));
    }

    [Test]
    public async Task Export_MibOfLayoutsNotUnderThePusRoot_IsRefusedInOneLineNamingTheLayout()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string jpss = Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "jpss1", "jpss1_geolocation_xtce_v1.xml");
        await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", jpss, "--rig", "jpss1");

        CliResult refused = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "export", "jpss1", "--mib", Path.Combine(Path.GetDirectoryName(station.StationFile)!, "mib"));

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(refused.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(refused.Error, Does.Contain("layout CCSDSPacket cannot be written as a MIB").And.Contain("the root PUS_TM"), "JPSS-1's packets have no PUS header");
    }

    [Test]
    public async Task ImportOnto_ABenchFileThatIsNotJson_IsOneLineExitTwo()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string folder = Path.GetDirectoryName(station.StationFile)!;
        string bench = Path.Combine(folder, "bench.json");
        await File.WriteAllTextAsync(bench, "{ not json");
        await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "export", "furnace-em", "--xtce", Path.Combine(folder, "f.xml"));

        CliResult refused = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Path.Combine(folder, "f.xml"), "--rig", "copy", "--onto", bench);

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(refused.Error, Does.Contain("--onto").And.Contain("bench.json"));
        Assert.That(File.Exists(station.RigFile("copy")), Is.False);
    }
}
