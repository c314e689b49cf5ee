using System.Text;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>What a test review board reads first: the deviations from the procedure and the verification matrix.</summary>
public static partial class HtmlReport
{
    private static void Deviations(StringBuilder html, RunRecord run)
    {
        IReadOnlyList<EventRow> deviations = RunDeviations.Of(run);
        html.Append("<section id=\"deviations\"><h2>Deviations</h2>\n");
        if (deviations.Count == 0)
        {
            html.Append("<p>None: the run followed the procedure as written.</p></section>\n");
            return;
        }

        html.Append("<table class=\"grid\"><thead><tr><th>Rig time</th><th>Deviation</th></tr></thead><tbody>\n");
        foreach (EventRow e in deviations)
        {
            html.Append($"<tr class=\"fail\"><td>{E(ArchiveTime.ToText(e.Time))}</td><td>{E(e.Data)}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }

    private static void VerificationMatrix(StringBuilder html, RunRecord run)
    {
        if (run.Requirements.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"verification\"><h2>Verification matrix</h2><table class=\"grid\"><thead><tr><th>Requirement</th><th>Measurement</th><th>Verdict</th><th>Run</th></tr></thead><tbody>\n");
        foreach (RequirementRow q in run.Requirements)
        {
            html.Append($"<tr class=\"{E(q.Verdict)}\"><td>{E(q.Requirement)}</td><td>{E(q.Measurement)}</td><td class=\"verdict\">{E(q.Verdict)}</td><td>{run.Id}</td></tr>\n");
        }

        html.Append("</tbody></table></section>\n");
    }
}
