using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using UsocHil.Cli.Results;
using UsocHil.Reporting;
using UsocHil.Results;
using UsocHil.Tests.Results;

namespace UsocHil.Tests.Reporting;

public sealed class ExportTests
{
    private static RunRecord _run = null!;
    private static string _dir = null!;

    [OneTimeSetUp]
    public static async Task RecordAsync()
    {
        _dir = TestDirectories.Create("results");
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(Path.Combine(_dir, "r.db"), TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        long id = await SampleFurnaceRun.RecordAsync(archive, TestRigs.Furnace(), new SampleRunOptions { StuckSensor = true, DeviceText = "<b>x</b>\u0007" }, CancellationToken.None);
        _run = await archive.ReadRunAsync(id, CancellationToken.None);
    }

    [OneTimeTearDown]
    public static void CleanUp() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void JUnit_FailedRun_OneCasePerVerdictFailuresCarryMarginAndEvidence()
    {
        using var stream = new MemoryStream();
        JUnitExport.Write(_run, stream);
        XElement suite = XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).Root!;

        Assert.That(suite.Elements("testcase").Count(), Is.EqualTo(_run.Verdicts.Count()));
        XElement failure = suite.Descendants("failure").First(f => f.Parent!.Attribute("name")!.Value == "thermocouples-agree");
        Assert.That(failure.Attribute("message")!.Value, Does.Contain("margin -"));
        Assert.That(failure.Value, Does.Contain("culprit: TC2_TEMP").And.Contain("evidence (seconds, value):"));
        Assert.That(suite.Element("properties")!.Elements().Single(p => p.Attribute("name")!.Value == "unitSerial").Attribute("value")!.Value, Is.EqualTo("<b>x</b>\uFFFD"));
    }

    [Test]
    public void Json_WholeRecord_HashOverItsCanonicalFormMatchesTheSeal()
    {
        using var stream = new MemoryStream();
        JsonExport.Write(_run, stream);
        using JsonDocument doc = JsonDocument.Parse(stream.ToArray());

        Assert.That(doc.RootElement.GetProperty("recordHash").GetString(), Is.EqualTo(_run.Summary.RecordHash));
        Assert.That(doc.RootElement.GetProperty("measurements").GetArrayLength(), Is.EqualTo(_run.Measurements.Count));
        Assert.That(doc.RootElement.GetProperty("telemetry").GetArrayLength(), Is.EqualTo(_run.Telemetry.Count));
        Assert.That(RunHash.Compute(_run), Is.EqualTo(_run.Summary.RecordHash));
    }

    [Test]
    public void Csv_Telemetry_OneColumnPerParameterOneRowPerInstant()
    {
        using var writer = new StringWriter();
        CsvExport.Write(_run, writer);
        string[] lines = writer.ToString().TrimEnd('\n').Split('\n');

        Assert.That(lines[0], Is.EqualTo("time,TC1_TEMP,TC2_TEMP,TC3_TEMP,CONTROL_TEMP,HEATER_POWER,SETPOINT"));
        Assert.That(lines, Has.Length.EqualTo(_run.Telemetry.Select(t => t.Time).Distinct().Count() + 1));
        Assert.That(lines.Skip(1).All(l => l.Split(',').Length == 7), Is.True);
    }

    [Test]
    public void Html_DeviceText_EscapedEverywhere()
    {
        string html = HtmlReport.Render(_run, TestRigs.Furnace());

        Assert.That(html, Does.Not.Contain("<b>x</b>"));
        Assert.That(html, Does.Contain("&lt;b&gt;x&lt;/b&gt;"));
        Assert.That(html, Does.Contain("Content-Security-Policy"));
        Assert.That(System.Text.RegularExpressions.Regex.Count(html, "<img alt=\"[^\"]*\" src=\"data:image/png;base64,"), Is.EqualTo(9));
    }

    [Test]
    public void Compare_RunWithItself_NoDriftNoVerdictChange()
    {
        RunComparison c = RunComparison.Compare(_run, _run);

        Assert.That(c.Calibrations, Has.Count.EqualTo(3));
        Assert.That(c.Calibrations.Where(d => !double.IsNaN(d.MaxDriftK)).All(d => d.MaxDriftK == 0), Is.True);
        Assert.That(c.Verdicts.Any(v => v.Changed), Is.False);
        Assert.That(c.SameRig, Is.True);
    }
}
