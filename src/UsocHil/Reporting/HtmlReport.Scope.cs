using System.Text;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>What the run verifies, first thing under the title: an emulator or engineering-model run is not read as flight-model acceptance.</summary>
public static partial class HtmlReport
{
    private static void Scope(StringBuilder html, RunRecord run)
    {
        VerificationScope scope = VerificationScope.Of(run.Summary.Header);
        html.Append("<section id=\"scope\"><h2>What this run verifies</h2>\n");
        if (scope.Lines.Count == 0)
        {
            html.Append("<p>Not recorded: the run was archived before runs recorded the item under test and the sequence's status.</p></section>\n");
            return;
        }

        html.Append("<ul class=\"scope\">\n");
        foreach (string line in scope.Lines)
        {
            html.Append(line.StartsWith("WARNING", StringComparison.Ordinal) ? "<li class=\"warning\">" : "<li>").Append(E(line)).Append("</li>\n");
        }

        html.Append("</ul></section>\n");
    }
}
