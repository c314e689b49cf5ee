using System.Xml.Linq;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Reporting;

/// <summary>
/// A nominal calibration run unattended (--yes): its safety prompt was confirmed by the flag, not by a person, and the
/// record, the report and the JUnit properties say so; its requirement is traced in the verification matrix.
/// </summary>
public sealed class DeviationExportTests
{
    private static RunRecord _run = null!;
    private static string _dir = null!;

    [OneTimeSetUp]
    public static async Task RecordAsync()
    {
        _dir = TestDirectories.Create("deviations");
        string copy = Path.Combine(_dir, "calibrate.db");
        long id = await EngineArchive.CopyAsync("calibrate-thermocouples", copy, CancellationToken.None);
        await using ResultsArchive archive = await ResultsArchive.OpenAsync(copy, TimeProvider.System, Serilog.Core.Logger.None, CancellationToken.None);
        _run = await archive.ReadRunAsync(id, CancellationToken.None);
    }

    [OneTimeTearDown]
    public static void CleanUp() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Report_NominalRunWithYes_ListsTheAutoConfirmedPromptUnderDeviations()
    {
        string html = HtmlReport.Render(_run, TestRigs.Furnace());

        int section = html.IndexOf("<section id=\"deviations\">", StringComparison.Ordinal);
        Assert.That(section, Is.GreaterThanOrEqualTo(0));
        string deviations = html[section..html.IndexOf("</section>", section, StringComparison.Ordinal)];
        Assert.That(deviations, Does.Contain("auto-confirmed prompt").And.Contain("Reference probe in the furnace core"));
    }

    [Test]
    public void JUnit_NominalRunWithYes_DeviationAndRequirementProperties()
    {
        using var stream = new MemoryStream();
        JUnitExport.Write(_run, stream);
        XElement properties = XDocument.Parse(System.Text.Encoding.UTF8.GetString(stream.ToArray())).Root!.Element("properties")!;
        var byName = properties.Elements("property").ToDictionary(p => p.Attribute("name")!.Value, p => p.Attribute("value")!.Value);

        Assert.That(byName["deviation.1"], Does.StartWith("auto-confirmed prompt"));
        Assert.That(byName["deviations"], Is.EqualTo("1"));
        Assert.That(byName["requirement.FUR-CAL-001"], Does.Contain("pass"));
    }

    [Test]
    public void VerificationMatrix_CalibrationCheck_TracesRequirementToEachMeasurementAndVerdict()
    {
        Assert.That(_run.Requirements.Select(q => (q.Requirement, q.Measurement, q.Verdict)), Is.EquivalentTo(new[]
        {
            ("FUR-CAL-001", "TC1_TEMP - dmm", "pass"), ("FUR-CAL-001", "TC2_TEMP - dmm", "pass"), ("FUR-CAL-001", "TC3_TEMP - dmm", "pass"),
        }));
        Assert.That(HtmlReport.Render(_run, TestRigs.Furnace()), Does.Contain("Verification matrix"));
    }
}
