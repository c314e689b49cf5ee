using System.Globalization;
using System.Net;
using System.Text;
using UsocHil.Expectations;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Reporting;

/// <summary>
/// A run as one self-contained HTML file a person reads and signs: summary, verdict table, calibration fits and
/// residuals per sensor, telemetry traces with limit bands and step boundaries, the state timeline, commands and events.
/// Plots are embedded as base64 PNG. Every string that came from a device, a file or the archive is HTML-escaped, and a
/// content security policy forbids scripts and remote loads besides.
/// </summary>
public static partial class HtmlReport
{
    public static async Task<string> WriteAsync(RunRecord run, RigDefinition? rig, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"run-{run.Id}.html");
        await File.WriteAllTextAsync(path, Render(run, rig), new UTF8Encoding(false), cancellationToken);
        return path;
    }

    public static string Render(RunRecord run, RigDefinition? rig)
    {
        RunSummary s = run.Summary;
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
            """);
        html.Append($"<title>Run {s.Id}: {E(s.Header.Sequence)} on {E(s.Header.Rig)}</title>\n<style>{Style}</style></head><body>\n");
        html.Append($"<h1>Run {s.Id}: {E(s.Header.Sequence)} on {E(s.Header.Rig)} <span class=\"badge {E(OutcomeClass(s.Outcome))}\">{E(s.Outcome.ToString().ToUpperInvariant())}</span></h1>\n");
        Scope(html, run);
        Summary(html, run);
        Deviations(html, run);
        Verdicts(html, run);
        VerificationMatrix(html, run);
        Calibrations(html, run, rig);
        Telemetry(html, run, rig);
        Timeline(html, run);
        Commands(html, run);
        Events(html, run);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Summary(StringBuilder html, RunRecord run)
    {
        RunSummary s = run.Summary;
        var verdicts = run.Verdicts.Select(v => v.Judged!.Verdict).ToList();
        html.Append("<section id=\"summary\"><h2>Summary</h2><table class=\"kv\">\n");
        Row(html, "Rig", s.Header.Rig);
        Row(html, "Unit serial", s.Header.UnitSerial);
        Row(html, "Sequence", s.Header.Sequence);
        Row(html, "Sequence SHA-256", s.Header.SequenceSha256);
        Row(html, "Station config SHA-256", s.Header.StationSha256);
        Row(html, "Software version", s.Header.SoftwareVersion);
        Row(html, "Operator", s.Header.Operator);
        Row(html, "Item under test", s.Header.ItemKind ?? "not recorded");
        Row(html, "Sequence status", s.Header.SequenceStatus ?? "not recorded");
        Row(html, "Sequence validated on", s.Header.SequenceValidatedOn is { } on ? (on.Count == 0 ? "nothing" : string.Join(", ", on)) : "not recorded");
        Row(html, "Started (rig time)", ArchiveTime.ToText(s.StartedRig));
        Row(html, "Ended (rig time)", s.EndedRig is { } e ? ArchiveTime.ToText(e) : "-");
        Row(html, "Started (wall clock)", ArchiveTime.ToText(s.StartedWall));
        Row(html, "Outcome", s.Outcome.ToString());
        Row(html, "Verdicts", $"{verdicts.Count(v => v == Verdict.Pass)} pass, {verdicts.Count(v => v == Verdict.Marginal)} marginal, {verdicts.Count(v => v.IsFailing())} fail");
        Row(html, "Record hash", s.RecordHash ?? "(not sealed)");
        Row(html, "Previous run's hash", s.PreviousHash ?? "(first of this rig)");
        html.Append("</table></section>\n");
    }

    private static void Verdicts(StringBuilder html, RunRecord run)
    {
        html.Append("<section id=\"verdicts\"><h2>Verdicts</h2><table class=\"grid\"><thead><tr><th>#</th><th>Step</th><th>Expectation</th><th>Parameters</th><th>Measured</th><th>Nominal</th><th>Hard</th><th>Margin</th><th>Verdict</th><th>Evidence</th><th>Detail</th></tr></thead><tbody>\n");
        int n = 0;
        foreach (MeasurementRow m in run.Verdicts)
        {
            JudgedResult x = m.Judged!;
            string verdict = x.Verdict.ToText();
            html.Append($"<tr class=\"{verdict}\"><td>{++n}</td><td>{m.StepIndex?.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td>{E(x.Expectation)}</td>")
                .Append($"<td class=\"parameters\">{E(string.Join(", ", x.Parameters))}</td>")
                .Append($"<td>{Num(x.Measured)}{UncertaintyOf(run, x)} {E(x.Unit)}</td><td>{Bounds(x.Low, x.High)}</td><td>{Bounds(x.HardLow ?? x.Low, x.HardHigh ?? x.High)}</td>")
                .Append($"<td>{Num(x.Margin)}</td><td class=\"verdict\">{verdict}</td><td class=\"evidence\">{EvidenceCell(x)}</td><td>{E(x.Message)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
        var values = run.Measurements.Where(m => m.Judged is null).ToList();
        if (values.Count > 0)
        {
            html.Append("<h3>Other measured values</h3><table class=\"grid\"><thead><tr><th>Step</th><th>Name</th><th>Value</th></tr></thead><tbody>\n");
            foreach (MeasurementRow m in values)
            {
                html.Append($"<tr><td>{m.StepIndex?.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td>{E(m.Name)}</td><td>{Num(m.Value)} {E(m.Unit)}</td></tr>\n");
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Calibrations(StringBuilder html, RunRecord run, RigDefinition? rig)
    {
        html.Append("<section id=\"calibration\"><h2>Calibration</h2>\n");
        if (run.Calibrations.Count == 0)
        {
            html.Append("<p>No calibration products in this run.</p>");
        }

        foreach (CalibrationRow p in run.Calibrations)
        {
            html.Append($"<h3>{E(p.Sensor)}</h3><p>{E(p.Model)}: ");
            for (int i = 0; i < p.Coefficients.Count; i++)
            {
                string u = i < p.Uncertainties.Count ? $" ± {Num(p.Uncertainties[i])}" : "";
                html.Append($"c{i} = {Num(p.Coefficients[i])}{u}; ");
            }

            string? unit = rig?.Dictionary.Parameters.FirstOrDefault(d => d.Name == p.Sensor)?.Unit;
            html.Append($"residual RMS {Num(p.ResidualRms)} {E(unit)}, R² {p.RSquared.ToString("F6", CultureInfo.InvariantCulture)}, {p.Points.Count} points</p>\n");
            CoefficientUncertainty(html, run, p, unit);
            Image(html, ReportPlots.Fit(p, unit), $"{p.Sensor} calibration fit");
            Image(html, ReportPlots.Residuals(p, unit), $"{p.Sensor} residuals");
        }

        html.Append("</section>\n");
    }

    private static void Image(StringBuilder html, byte[] png, string alt) =>
        html.Append($"<figure><img alt=\"{E(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\"></figure>\n");

    private static void Row(StringBuilder html, string key, string? value) => html.Append($"<tr><th>{E(key)}</th><td>{E(value ?? "-")}</td></tr>\n");

    /// <summary>How many samples the verdict looked at, over which span, their range, and the sensor it blamed if any.</summary>
    private static string EvidenceCell(JudgedResult x)
    {
        Evidence e = x.Evidence;
        if (e.Count == 0)
        {
            return "-";
        }

        double[] values = e.Values.Where(double.IsFinite).ToArray();
        string range = values.Length == 0 ? "no value" : values.Length == 1 ? $"{Num(values[0])} {E(x.Unit)}" : $"{Num(values.Min())} to {Num(values.Max())} {E(x.Unit)}";
        string span = e.Count == 1 ? $"at {Num(e.Seconds[0])} s" : $"{Num(e.Seconds[0])} to {Num(e.Seconds[^1])} s";
        string culprit = x.Culprit is null ? "" : $"; culprit {E(x.Culprit)}";
        return $"{e.Count} sample{(e.Count == 1 ? "" : "s")} {span}, {range}{culprit}";
    }

    private static string Bounds(double? low, double? high) => low is null && high is null ? "-" : $"[{Num(low)}, {Num(high)}]";

    private static string Num(double? v) => v is { } d && !double.IsNaN(d) ? d.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string OutcomeClass(ArchivedOutcome outcome) => outcome switch
    {
        ArchivedOutcome.Passed => "pass",
        ArchivedOutcome.Running => "marginal",
        _ => "fail",
    };
}
