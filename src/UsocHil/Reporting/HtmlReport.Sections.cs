using System.Globalization;
using System.Text;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Reporting;

public static partial class HtmlReport
{
    private const string Style = """
        body{font-family:sans-serif;margin:24px;color:#222;max-width:1200px}
        h1{font-size:22px} h2{border-bottom:2px solid #ccc;padding-bottom:4px;margin-top:32px}
        table{border-collapse:collapse;font-size:13px} td,th{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
        table.kv th{background:#f4f4f4;width:220px} table.grid thead th{background:#eee}
        tr.pass td.verdict{background:#c8f0c8} tr.marginal td.verdict{background:#fff1a8} tr.fail td.verdict{background:#f7b5b5}
        .badge{padding:2px 8px;border-radius:4px;font-size:14px} .badge.pass{background:#c8f0c8} .badge.fail{background:#f7b5b5} .badge.marginal{background:#fff1a8}
        .scope{background:#fff6d6;border:1px solid #e0c060;padding:8px 12px 8px 28px} .scope li.warning{color:#a00;font-weight:bold}
        figure{margin:8px 0} img{max-width:100%;border:1px solid #eee}
        .timeline{display:flex;width:100%;height:34px;border:1px solid #aaa;margin:8px 0}
        .timeline div{overflow:hidden;white-space:nowrap;font-size:11px;padding:2px;border-right:1px solid #fff;color:#000}
        """;

    private static readonly string[] TimelineColours = ["#9ecae1", "#a1d99b", "#fdd0a2", "#dadaeb", "#fcbba1", "#c7e9c0", "#d9d9d9"];

    private static void Telemetry(StringBuilder html, RunRecord run, RigDefinition? rig)
    {
        html.Append("<section id=\"telemetry\"><h2>Telemetry</h2>\n");
        if (run.Telemetry.Count == 0)
        {
            html.Append("<p>No telemetry recorded.</p></section>\n");
            return;
        }

        DateTimeOffset origin = run.Summary.StartedRig;
        double Minutes(DateTimeOffset t) => (t - origin).TotalMinutes;
        var byParameter = run.Telemetry.GroupBy(t => t.Parameter, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Minutes: g.Select(t => Minutes(t.Time)).ToArray(), Values: g.Select(t => t.Value).ToArray()), StringComparer.Ordinal);
        double[] steps = run.Steps.Select(s => Minutes(s.Started)).ToArray();
        double end = byParameter.Values.Max(p => p.Minutes.Length == 0 ? 0 : p.Minutes[^1]);
        IReadOnlyList<(double, double)>? Applies(LimitDefinition limit) => limit.When is not { } when
            ? null
            : byParameter.TryGetValue(when.Parameter, out var condition) ? LimitApplicability.Spans(when, condition.Minutes, condition.Values, 0, end) : [];
        string While(LimitDefinition limit) => limit.When is { } when ? $" while {when}" : "";
        var limits = (rig?.Limits ?? []).Where(l => byParameter.ContainsKey(l.Parameter)).ToList();

        // One plot per distinct limit (parameters sharing the same bands and condition together), then the unlimited parameters.
        var plotted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in limits.Where(l => l.HasBands).GroupBy(l => string.Join(",", l.Yellow!.Concat(l.Red!).Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + While(l)))
        {
            var series = group.Select(l => (l.Parameter, byParameter[l.Parameter].Minutes, byParameter[l.Parameter].Values)).ToList();
            string title = string.Join(", ", group.Select(l => l.Parameter)) + " with limits" + While(group.First());
            Image(html, ReportPlots.Trace(title, series, group.First(), steps, Applies(group.First())), title);
            plotted.UnionWith(group.Select(l => l.Parameter));
        }

        foreach (LimitDefinition limit in limits.Where(l => l.Delta is not null))
        {
            var (minutes, values) = byParameter[limit.Parameter];
            var (at, changes) = LimitApplicability.Changes(limit.Parameter, limit.Delta!, minutes, values);
            string title = $"{limit.Parameter} change against its delta limit{While(limit)}";
            Image(html, ReportPlots.Changes(title, limit.Parameter, at, changes, limit.Delta!, steps, Applies(limit)), title);
        }

        var rest = byParameter.Keys.Where(p => !plotted.Contains(p)).ToList();
        for (int i = 0; i < rest.Count; i += 4)
        {
            var chunk = rest.Skip(i).Take(4).Select(p => (p, byParameter[p].Minutes, byParameter[p].Values)).ToList();
            string title = string.Join(", ", chunk.Select(c => c.p));
            Image(html, ReportPlots.Trace(title, chunk, null, steps), title);
        }

        html.Append("<p>Shaded: yellow (soft) and red (hard) limit bands, over the whole run or, for a limit that applies only while another parameter has a given value, over the spans it did. Change plots: the change between consecutive samples against a delta limit, either side of zero. Dashed: step starts.</p>");
        html.Append("<table class=\"grid\"><thead><tr><th>Step</th><th>Name</th><th>Kind</th><th>Start (min)</th><th>End (min)</th><th>Outcome</th><th>Message</th></tr></thead><tbody>\n");
        foreach (StepRow s in run.Steps)
        {
            html.Append($"<tr><td>{s.Index}</td><td>{E(s.Name)}</td><td>{E(s.Kind)}</td><td>{Minutes(s.Started):F1}</td><td>{(s.Ended is { } e ? Minutes(e).ToString("F1", CultureInfo.InvariantCulture) : "-")}</td><td>{E(s.Outcome ?? "-")}</td><td>{E(s.Message)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Timeline(StringBuilder html, RunRecord run)
    {
        html.Append("<section id=\"timeline\"><h2>State timeline</h2>\n");
        var t = run.Transitions;
        if (t.Count > 0)
        {
            DateTimeOffset end = run.Summary.EndedRig ?? t[^1].Time;
            double total = Math.Max(1e-9, (end - t[0].Time).TotalSeconds);
            html.Append("<div class=\"timeline\">");
            for (int i = 0; i < t.Count; i++)
            {
                DateTimeOffset until = i + 1 < t.Count ? t[i + 1].Time : end;
                double percent = Math.Max(0.5, 100 * (until - t[i].Time).TotalSeconds / total);
                html.Append($"<div style=\"width:{percent.ToString("F2", CultureInfo.InvariantCulture)}%;background:{TimelineColours[i % TimelineColours.Length]}\" title=\"{E(t[i].To)}\">{E(t[i].To)}</div>");
            }

            html.Append("</div>\n");
        }

        html.Append("<table class=\"grid\"><thead><tr><th>Rig time</th><th>From</th><th>To</th><th>Trigger</th></tr></thead><tbody>\n");
        foreach (TransitionRow tr in t)
        {
            html.Append($"<tr><td>{E(ArchiveTime.ToText(tr.Time))}</td><td>{E(tr.From)}</td><td>{E(tr.To)}</td><td>{E(tr.Trigger)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Commands(StringBuilder html, RunRecord run)
    {
        html.Append("<section id=\"commands\"><h2>Commands</h2><table class=\"grid\"><thead><tr><th>Rig time</th><th>Command</th><th>Service</th><th>Seq</th><th>Accepted after (s)</th><th>Completed after (s)</th><th>Failure</th></tr></thead><tbody>\n");
        foreach (CommandRow c in run.Commands)
        {
            string After(DateTimeOffset? at) => at is { } a ? (a - c.Time).TotalSeconds.ToString("F3", CultureInfo.InvariantCulture) : "-";
            html.Append($"<tr><td>{E(ArchiveTime.ToText(c.Time))}</td><td>{E(c.Name)}</td><td>{c.Service},{c.Subtype}</td><td>{c.SequenceCount?.ToString(CultureInfo.InvariantCulture) ?? "-"}</td><td>{After(c.Accepted)}</td><td>{After(c.Completed)}</td><td>{E(c.FailureCode is { } f ? $"{f} {c.Failure}" : "")}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void Events(StringBuilder html, RunRecord run)
    {
        html.Append("<section id=\"events\"><h2>Events</h2><table class=\"grid\"><thead><tr><th>Rig time</th><th>ID</th><th>Name</th><th>Severity</th><th>Data</th></tr></thead><tbody>\n");
        foreach (EventRow e in run.Events)
        {
            html.Append($"<tr><td>{E(ArchiveTime.ToText(e.Time))}</td><td>{e.Id}</td><td class=\"event-name\">{E(e.Name)}</td><td>{E(e.Severity)}</td><td class=\"event-data\">{E(e.Data)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }
}
