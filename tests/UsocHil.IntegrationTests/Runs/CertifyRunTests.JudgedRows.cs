using System.Globalization;
using System.Xml.Linq;
using Serilog.Core;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.IntegrationTests.Runs;

/// <summary>
/// One judged result from check to archive: after the three furnace sequences (calibrate, tune, certify) on one
/// emulated unit through the real CLI, every judged row in the archive has its parameters, bounds and evidence, and
/// the HTML report, the JUnit export and the verdict CSV show them.
/// </summary>
public sealed partial class CertifyRunTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task ThreeFurnaceSequences_EveryJudgedRow_HasParametersBoundsAndEvidence_AndReportsShowThem(CancellationToken cancellationToken)
    {
        using var station = TemporaryStation.EmulatedFurnace(Seed);
        station.InstallEeprom(_preparedEeprom);
        string db = Path.Combine(station.Directory, "results.db");
        File.Copy(_preparedArchive, db);
        if (File.Exists(_preparedArchive + "-wal"))
        {
            File.Copy(_preparedArchive + "-wal", db + "-wal");
        }

        using (RunningCli certify = station.Run("certify"))
        {
            Assert.That((await certify.WaitForExitAsync(cancellationToken)).ExitCode, Is.EqualTo(0), certify.Output + "\n" + certify.Error);
        }

        List<RunRecord> runs = await ReadAllAsync(db, cancellationToken);
        Assert.That(runs.Select(r => r.Summary.Header.Sequence), Is.EquivalentTo(new[] { "calibrate-thermocouples", "tune-heater-pid", "certify" }));
        var judged = runs.SelectMany(r => r.Verdicts.Select(v => (Run: r.Summary.Header.Sequence, Row: v))).ToList();
        var incomplete = judged.Where(j => !Complete(j.Row.Judged!)).Select(j => $"{j.Run}: {j.Row.Name}").ToList();
        double share = 100.0 * (judged.Count - incomplete.Count) / judged.Count;
        TestContext.Out.WriteLine($"{judged.Count - incomplete.Count} of {judged.Count} judged rows complete ({share:F0} %)");

        Assert.That(judged, Has.Count.GreaterThanOrEqualTo(30), "calibration residuals and read-backs, tuning, certification");
        Assert.That(incomplete, Is.Empty, "judged rows without parameters, bounds or evidence");
        Assert.That(share, Is.EqualTo(100));
        Assert.That(judged.Select(j => j.Row.Judged!.Unit), Has.None.EqualTo("K"), "the furnace dictionary speaks degC; no check invents kelvin");

        foreach (RunRecord run in runs)
        {
            await AssertReportsShowAsync(station, db, run, cancellationToken);
        }
    }

    private static bool Complete(JudgedResult x) =>
        x.Parameters.Count > 0 && x.Parameters.All(p => p.Length > 0) && (x.Low is not null || x.High is not null) && x.Evidence.Count > 0;

    private static async Task<List<RunRecord>> ReadAllAsync(string db, CancellationToken cancellationToken)
    {
        await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(db, TimeProvider.System, Logger.None, cancellationToken);
        var runs = new List<RunRecord>();
        foreach (RunSummary summary in await archive.ListRunsAsync(cancellationToken))
        {
            runs.Add(await archive.ReadRunAsync(summary.Id, cancellationToken));
        }

        return runs;
    }

    /// <summary>The report's verdict table has a row per judged result with its parameters and evidence; JUnit and the CSV carry the same.</summary>
    private static async Task AssertReportsShowAsync(TemporaryStation station, string db, RunRecord run, CancellationToken cancellationToken)
    {
        string id = run.Summary.Id.ToString(CultureInfo.InvariantCulture);
        string reports = Path.Combine(station.Directory, "reports");
        CliResult report = await CliRunner.RunAsync("report", id, "--out", reports, "--results", db, "--station", station.StationFile);
        Assert.That(report.ExitCode, Is.Zero, report.Output + report.Error);
        string html = await File.ReadAllTextAsync(Path.Combine(reports, $"run-{id}.html"), cancellationToken);
        Assert.That(html, Does.Contain("<th>Parameters</th>").And.Contain("<th>Evidence</th>").And.Contain("<th>Nominal</th>").And.Contain("<th>Hard</th>"));
        if (run.Calibrations.Count > 0)
        {
            Assert.That(html, Does.Match("residual RMS [-0-9.eE+]+ degC,"), "the fit's residual in the unit of the sensor's dictionary entry");
        }

        string table = html[html.IndexOf("<section id=\"verdicts\">", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</tbody>", StringComparison.Ordinal)];
        string[] rows = table.Split("<tr class=").Skip(1).ToArray();
        Assert.That(rows, Has.Length.EqualTo(run.Verdicts.Count()), $"{run.Summary.Header.Sequence}: one table row per judged result");
        foreach ((MeasurementRow m, string row) in run.Verdicts.Zip(rows))
        {
            Assert.That(row, Does.Contain($"<td class=\"parameters\">{System.Net.WebUtility.HtmlEncode(string.Join(", ", m.Judged!.Parameters))}</td>"));
            Assert.That(row, Does.Contain($"<td class=\"evidence\">{m.Judged.Evidence.Count} sample"), m.Name);
        }

        string junit = Path.Combine(station.Directory, $"junit-{id}.xml");
        string csv = Path.Combine(station.Directory, $"telemetry-{id}.csv");
        CliResult export = await CliRunner.RunAsync("results", "export", id, "--junit", junit, "--csv", csv, "--results", db);
        Assert.That(export.ExitCode, Is.Zero, export.Output + export.Error);
        XElement suite = XDocument.Load(junit).Root!;
        string systemOut = suite.Element("system-out")!.Value;
        Assert.That(suite.Elements("testcase").Count(), Is.EqualTo(run.Verdicts.Count()));
        foreach (MeasurementRow m in run.Verdicts)
        {
            Assert.That(systemOut, Does.Contain($"parameters: {string.Join(", ", m.Judged!.Parameters)}\n"), m.Name);
        }

        Assert.That(System.Text.RegularExpressions.Regex.Count(systemOut, "evidence \\(seconds, value\\):\n"), Is.EqualTo(run.Verdicts.Count()));
        Assert.That(System.Text.RegularExpressions.Regex.Count(systemOut, "\nnominal: \\["), Is.EqualTo(run.Verdicts.Count()));
        string[] verdictLines = (await File.ReadAllLinesAsync(Path.ChangeExtension(csv, ".verdicts.csv"), cancellationToken)).Skip(1).ToArray();
        Assert.That(verdictLines, Has.Length.EqualTo(run.Verdicts.Count()));
        Assert.That(verdictLines.Select(l => l.Contains(",pass,", StringComparison.Ordinal) || l.Contains(",marginal,", StringComparison.Ordinal)), Has.All.True,
            "the verdict column, every verdict of a passed run");
    }
}
