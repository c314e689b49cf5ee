using System.Xml.Linq;
using UsocHil.IntegrationTests.Support;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Results;

/// <summary>The JUnit export checked by xmllint against the JUnit schema Jenkins and GitLab use.</summary>
public sealed class JUnitExportSchemaTests
{
    private static string Schema => RepositoryPaths.JUnitSchema;

    /// <summary>A factory-fresh unit passes its calibration and fails certify (thermocouple agreement, overshoot).</summary>
    [TestCase("calibrate-thermocouples", false)]
    [TestCase("certify", true)]
    [CancelAfter(180_000)]
    public async Task ExportJunit_EngineRun_ValidatesAndHasOneTestCasePerExpectation(string sequence, bool failing, CancellationToken ct)
    {
        string dir = TestDirectories.Create("it");
        string db = Path.Combine(dir, "results.db"), xml = Path.Combine(dir, "junit.xml");
        long id = await EngineArchive.CopyAsync(sequence, db, ct);

        var (exported, _, exportErr) = await UsocHilProcess.RunAsync(null, ["results", "export", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--junit", xml, "--results", db], ct);
        Assert.That(exported, Is.Zero, exportErr);
        var (valid, _, xmllint) = await PythonProcess.RunAsync("xmllint", ["--noout", "--schema", Schema, xml], null, ct);

        Assert.That(valid, Is.Zero, xmllint);
        Assert.That(xmllint, Does.Contain("validates"));
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(db, TimeProvider.System, Serilog.Core.Logger.None, ct);
        RunRecord run = await archive.ReadRunAsync(id, ct);
        XElement suite = XDocument.Load(xml).Root!;
        var cases = suite.Elements("testcase").ToList();
        Assert.That(cases, Has.Count.EqualTo(run.Verdicts.Count()));
        Assert.That(cases.Select(c => c.Attribute("name")!.Value), Is.Unique);
        int failures = run.Verdicts.Count(v => v.Judged!.Verdict == Expectations.Verdict.Fail);
        Assert.That(suite.Attribute("failures")!.Value, Is.EqualTo(failures.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(failures > 0, Is.EqualTo(failing));
        foreach (XElement failure in suite.Descendants("failure"))
        {
            Assert.That(failure.Attribute("message")!.Value, Does.Contain("margin"));
            Assert.That(failure.Value, Does.Contain("evidence (seconds, value):"));
        }

        Directory.Delete(dir, recursive: true);
    }
}
