using UsocHil.Cli;
using UsocHil.Configuration;

namespace UsocHil.Tests.Cli;

/// <summary><c>dictionary import</c> and <c>packet decode-stream</c> as an operator runs them.</summary>
public sealed class DictionaryImportCommandTests
{
    private static string Xtce(string path) => Path.Combine(RepositoryPaths.TestData, "mdb", "xtce", path);

    [Test]
    public async Task Import_Jpss1_WritesALoadableRigAndDecodesTheFlightFile()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string report = Path.Combine(Path.GetDirectoryName(station.StationFile)!, "report.json");

        CliResult imported = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Xtce("jpss1/jpss1_geolocation_xtce_v1.xml"), "--rig", "jpss1", "--report", report);

        Assert.That(imported.ExitCode, Is.EqualTo(ExitCodes.Passed), imported.Error);
        Assert.That(imported.Output, Does.Contain("jpss1_geolocation_xtce_v1.xml:177: imported SequenceContainer JPSS_ATT_EPHEM: 20 fields, identified by PKT_APID == 11"));
        Assert.That(File.ReadAllText(report), Does.Contain("\"safetyRelevantLosses\": 0"));
        string rigFile = station.RigFile("jpss1");
        Assert.That(RigLoader.Load(rigFile).Dictionary.Packets, Has.Count.EqualTo(4));

        CliResult decoded = await CliRunner.RunAsync("--station", station.StationFile, "packet", "decode-stream", "--rig", "jpss1", "--file", Xtce("jpss1/J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1"));

        Assert.That(decoded.ExitCode, Is.EqualTo(ExitCodes.Passed), decoded.Error);
        string[] lines = decoded.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(7200));
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.That(first.RootElement.GetProperty("apid").GetInt32(), Is.EqualTo(11));
        Assert.That(first.RootElement.GetProperty("sequenceCount").GetInt32(), Is.EqualTo(2606));
        Assert.That(first.RootElement.GetProperty("container").GetString(), Is.EqualTo("JPSS_ATT_EPHEM"));
        Assert.That(first.RootElement.GetProperty("parameters").GetProperty("ADGPSPOSX").GetProperty("value").GetDouble(), Is.EqualTo(6389695.5));
        Assert.That(decoded.Error, Does.Contain("7200 packets, 0 not decoded"));
    }

    [Test]
    public async Task Import_BogusSat_RefusesSafetyLossesUnlessAccepted()
    {
        using var station = TemporaryStation.CopyOfShipped();

        CliResult refused = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Xtce("bogussat/BogusSAT-1.xml"), "--rig", "bogussat");

        Assert.That(refused.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(refused.Error, Does.Contain("safety-relevant"));
        Assert.That(refused.Output, Does.Contain("BogusSAT-1.xml:452: dropped MathOperationCalibrator"));
        Assert.That(File.Exists(station.RigFile("bogussat")), Is.False);

        CliResult accepted = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Xtce("bogussat/BogusSAT-1.xml"), "--rig", "bogussat", "--accept-loss");

        Assert.That(accepted.ExitCode, Is.EqualTo(ExitCodes.Passed), accepted.Error);
        Assert.That(RigLoader.Load(station.RigFile("bogussat")).Dictionary.Parameters, Is.Not.Empty);
    }

    [Test]
    public async Task Import_ExternalEntity_IsOneLineAndExitTwo()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string file = Path.Combine(Path.GetDirectoryName(station.StationFile)!, "xxe.xml");
        File.WriteAllText(file, "<?xml version=\"1.0\"?>\n<!DOCTYPE s [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n<SpaceSystem name=\"&x;\"/>");

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", file, "--rig", "xxe");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.ErrorLines, Has.Count.EqualTo(1));
        Assert.That(result.Error, Does.StartWith($"usoc-hil: {file}:2: a DTD is refused"));
    }

    [Test]
    public async Task DecodeStream_TruncatedRecording_WritesTheWholePacketsAndNamesTheOffset()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string folder = Path.GetDirectoryName(station.StationFile)!;
        string recording = Path.Combine(folder, "cut.dat");
        File.WriteAllBytes(recording, File.ReadAllBytes(Xtce("jpss1/J01_G011_LZ_2021-04-09T00-00-00Z_V01.DAT1"))[..(71 * 3 + 10)]);
        await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--xtce", Xtce("jpss1/jpss1_geolocation_xtce_v1.xml"), "--rig", "jpss1");

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "packet", "decode-stream", "--rig", "jpss1", "--file", recording);

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(3));
        Assert.That(result.Error, Does.Contain("stream offset 213"));
    }

    [Test]
    public async Task Import_Mib_WritesTheRigAndReportsTheCommandsItLeaves()
    {
        using var station = TemporaryStation.CopyOfShipped();
        string tables = Path.Combine(RepositoryPaths.TestData, "mdb", "mib", "spacepy-testenv", "ASCII");

        CliResult result = await CliRunner.RunAsync("--station", station.StationFile, "dictionary", "import", "--mib", tables, "--rig", "spacepy");

        Assert.That(result.ExitCode, Is.EqualTo(ExitCodes.Passed), result.Error);
        Assert.That(result.Output, Does.Contain("ccf.dat:6: dropped CCF TXTCMD01: no PUS header"));
        Assert.That(RigLoader.Load(station.RigFile("spacepy")).Dictionary.Packets, Has.Count.EqualTo(12));
    }

    [Test]
    public async Task Import_BothOrNeitherSource_IsAUsageError()
    {
        CliResult neither = await CliRunner.RunAsync("dictionary", "import", "--rig", "x");
        CliResult both = await CliRunner.RunAsync("dictionary", "import", "--rig", "x", "--xtce", Xtce("lasp/test_xtce.xml"), "--mib", RepositoryPaths.TestData);

        Assert.That(neither.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(both.ExitCode, Is.EqualTo(ExitCodes.UsageOrConfiguration));
        Assert.That(both.Error, Does.Contain("one of them"));
    }
}
