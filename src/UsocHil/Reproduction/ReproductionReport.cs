using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;

namespace UsocHil.Reproduction;

/// <summary>
/// The reproduction as a self-contained HTML page for the anomaly review: the verdict, the hypotheses ranked by score,
/// and per parameter the flight curve with the best hypothesis' ground curve over it, shifted by the lag found, the
/// envelope drawn around the flight, so a reviewer sees where the ground model follows and where it does not.
/// </summary>
public static class ReproductionReport
{
    private const int Width = 900, Height = 320;

    /// <summary>One hypothesis as it scored.</summary>
    public sealed record Scored(string Hypothesis, double Score);

    /// <param name="path">The HTML file to write.</param>
    /// <param name="title">What was reproduced on what (the timeline and the rig).</param>
    /// <param name="verdict">The last line <c>reproduce</c> prints.</param>
    /// <param name="ranked">Every hypothesis, best first.</param>
    /// <param name="agreements">The best hypothesis' agreement per parameter.</param>
    /// <param name="flight">Per parameter, (flight offset s, value).</param>
    /// <param name="ground">Per parameter, the best hypothesis' ground run on the flight's axis.</param>
    /// <param name="differences">Events and commands that went otherwise on the ground.</param>
    public static void Write(string path, string title, string verdict, IReadOnlyList<Scored> ranked, IReadOnlyList<ParameterAgreement> agreements,
        IReadOnlyDictionary<string, List<(double T, double V)>> flight, IReadOnlyDictionary<string, List<(double T, double V)>> ground, IReadOnlyList<string> differences)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(agreements);
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(ground);
        ArgumentNullException.ThrowIfNull(differences);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(E(title)).Append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
            .Append("td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}.differs{color:#b00020}.agrees{color:#1b5e20}</style></head><body>\n")
            .Append("<h1>").Append(E(title)).Append("</h1>\n")
            .Append("<p id=\"verdict\" class=\"").Append(verdict == "reproduced" ? "agrees" : "differs").Append("\"><strong>").Append(E(verdict)).Append("</strong></p>\n");

        html.Append("<h2>Hypotheses</h2>\n<table id=\"hypotheses\"><tr><th>rank</th><th>hypothesis</th><th>score</th></tr>\n");
        for (int i = 0; i < ranked.Count; i++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{i + 1}</td><td>{E(ranked[i].Hypothesis)}</td><td>{ranked[i].Score:F4}</td></tr>\n");
        }

        html.Append("</table>\n<h2>Flight against ground</h2>\n<table id=\"parameters\"><tr><th>parameter</th><th>agreement</th></tr>\n");
        foreach (ParameterAgreement a in agreements)
        {
            html.Append("<tr class=\"").Append(a.Agrees ? "agrees" : "differs").Append("\"><td>").Append(E(a.Parameter)).Append("</td><td>").Append(E(a.Describe())).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        if (differences.Count > 0)
        {
            html.Append("<h2>Events and commands</h2>\n<ul id=\"differences\">\n");
            foreach (string difference in differences)
            {
                html.Append("<li class=\"differs\">").Append(E(difference)).Append("</li>\n");
            }

            html.Append("</ul>\n");
        }

        foreach (ParameterAgreement a in agreements)
        {
            if (flight.TryGetValue(a.Parameter, out var f) && ground.TryGetValue(a.Parameter, out var g))
            {
                html.Append("<figure><img alt=\"").Append(E($"{a.Parameter}: flight and ground")).Append("\" src=\"data:image/png;base64,")
                    .Append(Convert.ToBase64String(Overlay(a, f, g))).Append("\"><figcaption>").Append(E(a.Describe())).Append("</figcaption></figure>\n");
            }
        }

        html.Append("</body></html>\n");
        File.WriteAllText(path, html.ToString());
    }

    /// <summary>The flight curve with its envelope and the ground curve moved by the lag found onto the flight's axis.</summary>
    private static byte[] Overlay(ParameterAgreement agreement, List<(double T, double V)> flight, List<(double T, double V)> ground)
    {
        var plot = new Plot();
        double[] minutes = [.. flight.Select(s => s.T / 60)];
        double[] values = [.. flight.Select(s => s.V)];
        var upper = plot.Add.ScatterLine(minutes, [.. values.Select(v => v + agreement.Envelope)]);
        var lower = plot.Add.ScatterLine(minutes, [.. values.Select(v => v - agreement.Envelope)]);
        foreach (var edge in new[] { upper, lower })
        {
            edge.Color = Colors.Gray.WithAlpha(0.5);
            edge.LinePattern = LinePattern.Dotted;
            edge.LineWidth = 1;
        }

        upper.LegendText = "flight envelope";
        var flightLine = plot.Add.ScatterLine(minutes, values);
        flightLine.LegendText = "flight";
        flightLine.LineWidth = 1.5f;
        double[] groundMinutes = [.. ground.Select(s => (s.T - agreement.LagSeconds) / 60)];
        double[] groundValues = [.. ground.Select(s => s.V)];
        var groundLine = plot.Add.ScatterLine(groundMinutes, groundValues);
        groundLine.LegendText = FormattableString.Invariant($"ground, lag {agreement.LagSeconds:+0.00;-0.00;0.00} s");
        groundLine.LineWidth = 1.5f;
        plot.Title($"{agreement.Parameter}: {(agreement.Agrees ? "agrees" : "differs")}");
        plot.XLabel("flight time (min)");
        plot.YLabel(agreement.Parameter);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
