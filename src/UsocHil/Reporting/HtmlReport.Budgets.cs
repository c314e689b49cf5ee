using System.Globalization;
using System.Text;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>The uncertainty of every coefficient set and judged value, as a calibration certificate states it.</summary>
public static partial class HtmlReport
{
    /// <summary>The budgets of one fit's calibration points (subjects "TC1 at 200.0 degC").</summary>
    private static IReadOnlyList<BudgetRow> PointBudgets(RunRecord run, CalibrationRow p) =>
        run.Budgets.Where(b => b.Kind == "calibration-point" && b.Subject.StartsWith(p.Model + " at ", StringComparison.Ordinal)).ToArray();

    /// <summary>" ± U (k = 2.00)" after a judged value with a budget, or nothing.</summary>
    private static string UncertaintyOf(RunRecord run, JudgedResult x)
    {
        BudgetRow? b = run.Budgets.LastOrDefault(b => b.Kind == "judged" && b.Subject == x.Expectation);
        return b is null ? "" : $" ± {Num(b.Expanded)} (k = {b.CoverageFactor.ToString("F2", CultureInfo.InvariantCulture)})";
    }

    /// <summary>
    /// U (k=2) of the coefficient set: twice the largest combined standard uncertainty over its points, then each point's
    /// budget (u_c, ν_eff, k from Student t, U) with its components.
    /// </summary>
    private static void CoefficientUncertainty(StringBuilder html, RunRecord run, CalibrationRow p, string? unit)
    {
        IReadOnlyList<BudgetRow> budgets = PointBudgets(run, p);
        if (budgets.Count == 0)
        {
            html.Append("<p class=\"uncertainty\">U (k=2): no uncertainty budget recorded for this fit</p>\n");
            return;
        }

        double largest = budgets.Max(b => b.Combined);
        html.Append($"<p class=\"uncertainty\"><strong>U (k=2) = {Num(2 * largest)} {E(unit)}</strong> over the calibrated range (the largest of {budgets.Count} point budgets)</p>\n");
        string[] names = budgets[0].Components.Select(c => c.Name).ToArray();
        html.Append("<table class=\"grid budget\"><thead><tr><th>Point</th>");
        foreach (string name in names)
        {
            html.Append($"<th>u: {E(name)}</th>");
        }

        html.Append("<th>u_c</th><th>ν_eff</th><th>k</th><th>U</th></tr></thead><tbody>\n");
        foreach (BudgetRow b in budgets)
        {
            html.Append($"<tr><td>{E(b.Subject)}</td>");
            foreach (string name in names)
            {
                BudgetComponentRow? c = b.Components.FirstOrDefault(c => c.Name == name);
                html.Append($"<td>{(c is null ? "-" : Num(c.Contribution))}</td>");
            }

            string nu = double.IsPositiveInfinity(b.EffectiveDegreesOfFreedom) ? "∞" : b.EffectiveDegreesOfFreedom.ToString("F1", CultureInfo.InvariantCulture);
            html.Append($"<td>{Num(b.Combined)}</td><td>{nu}</td><td>{b.CoverageFactor.ToString("F3", CultureInfo.InvariantCulture)}</td><td>{Num(b.Expanded)}</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }
}
