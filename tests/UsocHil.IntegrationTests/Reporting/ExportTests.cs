using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reporting;

/// <summary>
/// Exports, the HTML report and run comparison of runs the engine made on the emulated furnace: a certification that
/// failed on a stuck thermocouple and a passed calibration. Device text is the one thing added by hand, to the record
/// as read, to prove it is escaped everywhere.
/// </summary>
public sealed class ExportTests
{
    private const string DeviceText = "<b>x</b>\u0007";
    private static RunRecord _sealed = null!;
    private static RunRecord _failed = null!;
    private static RunRecord _calibrated = null!;
    private static string _dir = null!;

    [OneTimeSetUp]
    public static async Task RecordAsync()
    {
        _dir = TestDirectories.Create("export");
        _sealed = await ReadAsync("certify", ["stuck-tc=2"]);
        _failed = WithDeviceText(_sealed);
        _calibrated = WithDeviceText(await ReadAsync("calibrate-thermocouples", []));
    }

    [OneTimeTearDown]
    public static void CleanUp() => Directory.Delete(_dir, recursive: true);

    private static async Task<RunRecord> ReadAsync(string sequence, string[] faults)
    {
        string copy = Path.Combine(_dir, $"{sequence}.db");
        long id = await EngineArchive.CopyAsync(sequence, copy, CancellationToken.None, faults: faults);
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(copy, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        return await archive.ReadRunAsync(id, CancellationToken.None);
    }

    /// <summary>What a hostile or broken unit could report as its serial and in an event.</summary>
    private static RunRecord WithDeviceText(RunRecord run) => run with
    {
        Summary = run.Summary with { Header = run.Summary.Header with { UnitSerial = DeviceText } },
        Events = [.. run.Events, new EventRow(run.Summary.StartedRig, 1, DeviceText, "info", DeviceText)],
    };

    [Test]
    public void JUnit_FailedRun_OneCasePerVerdictFailuresCarryMarginAndEvidence()
    {
        using var stream = new MemoryStream();
        JUnitExport.Write(_failed, stream);
        XElement suite = XDocument.Parse(Encoding.UTF8.GetString(stream.ToArray())).Root!;

        Assert.That(suite.Elements("testcase").Count(), Is.EqualTo(_failed.Verdicts.Count()));
        XElement failure = suite.Descendants("failure").First(f => f.Parent!.Attribute("name")!.Value == "thermocouples-agree");
        Assert.That(failure.Attribute("message")!.Value, Does.Contain("margin -"));
        Assert.That(failure.Value, Does.Contain("culprit: TC2_TEMP").And.Contain("evidence (seconds, value):"));
        Assert.That(suite.Element("properties")!.Elements().Single(p => p.Attribute("name")!.Value == "unitSerial").Attribute("value")!.Value, Is.EqualTo("<b>x</b>\uFFFD"));
    }

    [Test]
    public void Json_WholeRecord_HashOverItsCanonicalFormMatchesTheSeal()
    {
        using var stream = new MemoryStream();
        JsonExport.Write(_sealed, stream);
        using JsonDocument doc = JsonDocument.Parse(stream.ToArray());

        Assert.That(doc.RootElement.GetProperty("recordHash").GetString(), Is.EqualTo(_sealed.Summary.RecordHash));
        Assert.That(doc.RootElement.GetProperty("measurements").GetArrayLength(), Is.EqualTo(_sealed.Measurements.Count));
        Assert.That(doc.RootElement.GetProperty("telemetry").GetArrayLength(), Is.EqualTo(_sealed.Telemetry.Count));
        Assert.That(RunHash.Compute(_sealed), Is.EqualTo(_sealed.Summary.RecordHash));
    }

    [Test]
    public void Csv_Telemetry_OneColumnPerParameterOneRowPerInstant()
    {
        using var writer = new StringWriter();
        CsvExport.Write(_calibrated, writer);
        string[] lines = writer.ToString().TrimEnd('\n').Split('\n');
        string[] parameters = [.. _calibrated.Telemetry.Select(t => t.Parameter).Distinct()];

        Assert.That(lines[0].Split(','), Is.EqualTo(new[] { "time" }.Concat(parameters.Order(StringComparer.Ordinal))).Or.EqualTo(new[] { "time" }.Concat(parameters)));
        Assert.That(parameters, Does.Contain("TC1_TEMP").And.Contain("TC2_TEMP").And.Contain("TC3_TEMP"));
        Assert.That(lines, Has.Length.EqualTo(_calibrated.Telemetry.Select(t => t.Time).Distinct().Count() + 1));
        Assert.That(lines.Skip(1).All(l => l.Split(',').Length == parameters.Length + 1), Is.True);
    }

    [Test]
    public void Html_DeviceText_EscapedEverywhere()
    {
        string html = HtmlReport.Render(_calibrated, TestRigs.Furnace());

        Assert.That(html, Does.Not.Contain("<b>x</b>"));
        Assert.That(html, Does.Contain("&lt;b&gt;x&lt;/b&gt;"));
        Assert.That(html, Does.Contain("Content-Security-Policy"));
        foreach (CalibrationRow calibration in _calibrated.Calibrations)
        {
            Assert.That(html, Does.Contain($"<img alt=\"{calibration.Sensor} calibration fit\" src=\"data:image/png;base64,")
                .And.Contain($"<img alt=\"{calibration.Sensor} residuals\" src=\"data:image/png;base64,"));
        }
    }

    [Test]
    public void Compare_RunWithItself_NoDriftNoVerdictChange()
    {
        RunComparison c = RunComparison.Compare(_calibrated, _calibrated);

        Assert.That(c.Calibrations, Has.Count.EqualTo(3));
        Assert.That(c.Calibrations.Where(d => !double.IsNaN(d.MaxDrift)).All(d => d.MaxDrift == 0), Is.True);
        Assert.That(c.Calibrations.Select(d => d.Unit), Has.All.Not.Null.And.All.Not.EqualTo("K"), "the calibrated unit from the dictionary, not kelvin by assumption");
        Assert.That(c.Verdicts.Any(v => v.Changed), Is.False);
        Assert.That(c.SameRig, Is.True);
    }
}
