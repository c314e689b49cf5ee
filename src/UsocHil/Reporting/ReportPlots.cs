using MathNet.Numerics;
using ScottPlot;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Reporting;

/// <summary>The report's figures, rendered with ScottPlot to PNG bytes.</summary>
internal static class ReportPlots
{
    private const int Width = 900, Height = 380;

    /// <summary>Raw reading against the reference: the measured points and the fitted curve.</summary>
    public static byte[] Fit(CalibrationRow product, string? unit)
    {
        var plot = new Plot();
        double[] raw = product.Points.Select(p => p.Raw).ToArray();
        var points = plot.Add.ScatterPoints(raw, product.Points.Select(p => p.Reference).ToArray());
        points.LegendText = "reference vs raw";
        if (raw.Length > 1)
        {
            double lo = raw.Min(), hi = raw.Max();
            double[] xs = Enumerable.Range(0, 101).Select(i => lo + ((hi - lo) * i / 100)).ToArray();
            var curve = plot.Add.ScatterLine(xs, xs.Select(x => Polynomial.Evaluate(x, product.Coefficients.ToArray())).ToArray());
            curve.LegendText = "fit";
        }

        plot.Title($"{product.Sensor}: calibration fit");
        plot.XLabel(Labelled("raw reading", unit));
        plot.YLabel(Labelled("reference", unit));
        plot.ShowLegend(Alignment.UpperLeft);
        return Png(plot);
    }

    /// <summary>Residuals of the fit against the raw reading, with the zero line.</summary>
    public static byte[] Residuals(CalibrationRow product, string? unit)
    {
        var plot = new Plot();
        plot.Add.ScatterPoints(product.Points.Select(p => p.Raw).ToArray(), product.Points.Select(p => p.Residual).ToArray());
        plot.Add.HorizontalLine(0);
        plot.Title($"{product.Sensor}: residuals (RMS {product.ResidualRms:F3}{(string.IsNullOrEmpty(unit) ? "" : " " + unit)})");
        plot.XLabel(Labelled("raw reading", unit));
        plot.YLabel(Labelled("residual", unit));
        return Png(plot);
    }

    /// <summary>An axis label with the unit of the sensor's dictionary entry, or none where it declares none.</summary>
    private static string Labelled(string text, string? unit) => string.IsNullOrEmpty(unit) ? text : $"{text} ({unit})";

    /// <summary>
    /// Parameters over time (minutes from the run start), yellow and red limit bands, a dashed line at each step start.
    /// The bands are shaded over <paramref name="applies"/> only when given (a conditional limit: the spans its condition
    /// held), across the whole plot otherwise.
    /// </summary>
    public static byte[] Trace(string title, IReadOnlyList<(string Parameter, double[] Minutes, double[] Values)> series, LimitDefinition? limit, IReadOnlyList<double> stepStartMinutes, IReadOnlyList<(double From, double To)>? applies = null)
    {
        var plot = new Plot();
        if (limit is { Yellow: { Count: 2 } yellowBand, Red: { Count: 2 } redBand })
        {
            Bands(plot, (yellowBand[0], yellowBand[1]), (redBand[0], redBand[1]), applies);
        }

        StepStarts(plot, stepStartMinutes);
        foreach (var (parameter, minutes, values) in series)
        {
            var line = plot.Add.ScatterLine(minutes, values);
            line.LegendText = parameter;
            line.LineWidth = 1.5f;
        }

        plot.Title(title);
        plot.XLabel("rig time from run start (min)");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>
    /// A parameter's change between consecutive samples (per second or per sample, as its delta limit measures it),
    /// against the delta limit's bands either side of zero, shaded over <paramref name="applies"/> when given.
    /// </summary>
    public static byte[] Changes(string title, string parameter, double[] minutes, double[] changes, DeltaLimitDefinition delta, IReadOnlyList<double> stepStartMinutes, IReadOnlyList<(double From, double To)>? applies)
    {
        var plot = new Plot();
        Bands(plot, (-delta.Yellow, delta.Yellow), (-delta.Red, delta.Red), applies);
        StepStarts(plot, stepStartMinutes);
        var line = plot.Add.ScatterPoints(minutes, changes);
        line.LegendText = parameter + (delta.Per == DeltaBasis.Second ? " change per second" : " change per sample");
        line.MarkerSize = 3;
        plot.Title(title);
        plot.XLabel("rig time from run start (min)");
        plot.YLabel(delta.Per == DeltaBasis.Second ? "change per second of rig time" : "change from the previous sample");
        plot.ShowLegend(Alignment.UpperRight);
        return Png(plot);
    }

    /// <summary>Yellow between the yellow and red bands, a red strip beyond the red band; over the spans given, or everywhere.</summary>
    private static void Bands(Plot plot, (double Low, double High) yellowBand, (double Low, double High) redBand, IReadOnlyList<(double From, double To)>? applies)
    {
        var red = Colors.Red.WithAlpha(0.12);
        var yellow = Colors.Gold.WithAlpha(0.18);
        double strip = Math.Max(1e-9, redBand.High - redBand.Low) * 0.05;
        (double Low, double High, Color Colour)[] shading =
        [
            (redBand.Low, yellowBand.Low, yellow),
            (yellowBand.High, redBand.High, yellow),
            (redBand.Low - strip, redBand.Low, red),
            (redBand.High, redBand.High + strip, red),
        ];
        foreach ((double low, double high, Color colour) in shading)
        {
            if (applies is null)
            {
                plot.Add.VerticalSpan(low, high, colour);
                continue;
            }

            foreach ((double from, double to) in applies)
            {
                var area = plot.Add.Rectangle(from, to, low, high);
                area.FillColor = colour;
                area.LineWidth = 0;
            }
        }
    }

    private static void StepStarts(Plot plot, IReadOnlyList<double> stepStartMinutes)
    {
        foreach (double x in stepStartMinutes)
        {
            var line = plot.Add.VerticalLine(x);
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 1;
            line.Color = Colors.Gray.WithAlpha(0.6);
        }
    }

    private static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);
}
