using UsocHil.Cli;

namespace UsocHil.Tests.Cli;

/// <summary><c>dictionary show</c>: a parameter, packet or command in one screen.</summary>
public sealed class DictionaryShowCommandTests
{
    [Test]
    public async Task Show_FurnaceParameter_GivesTypeUnitLimitsAndWhereItTravels()
    {
        CliResult result = await CliRunner.RunAsync("--station", RepositoryPaths.StationFile, "dictionary", "show", "furnace-em", "--parameter", "TC1_TEMP");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
        Assert.That(result.Output, Does.StartWith("parameter TC1_TEMP (id 4): float32 [degC]"));
        Assert.That(result.Output, Does.Contain("limits: yellow 0..1000, red -20..1040, persistence 3"));
        Assert.That(result.Output, Does.Contain("carried in: housekeeping FURNACE_STATUS"));
    }

    [Test]
    public async Task Show_ImportedPacket_GivesItsBaseRestrictionAndFields()
    {
        using var station = TemporaryStation.CopyOfShipped();
        await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", "jpss1", "jpss1_geolocation_xtce_v1.xml"), "--rig", "jpss1");

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "show", "jpss1", "-p", "JPSS_ATT_EPHEM");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
        Assert.That(result.Output, Does.StartWith("packet JPSS_ATT_EPHEM extends CCSDSTelemetryPacket when PKT_APID == 11"));
        Assert.That(result.Output, Does.Contain("  ADGPSPOSX: float32 [m]"));
    }

    [Test]
    public async Task Show_UnknownName_IsOneLineAndExitTwo()
    {
        CliResult result = await CliRunner.RunAsync("--station", RepositoryPaths.StationFile, "dictionary", "show", "furnace-em", "-p", "NOPE");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Is.EqualTo(new[] { "usoc-hil: rig furnace-em has no parameter, packet layout or command named NOPE" }));
    }
}
