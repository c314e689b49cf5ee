using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// The raw → engineering curve of a parameter: the polynomial sum of c[i] × raw^i, or straight lines between
/// [raw, engineering] points; identity when there is neither.
/// </summary>
public static class Calibration
{
    /// <summary>The parameter's own curve, whichever kind it has.</summary>
    public static double Apply(ParameterDefinition parameter, double raw) =>
        parameter.Spline is { Count: > 0 } points ? Spline(points, raw) : Apply(parameter.Calibration, raw);

    /// <summary>Piecewise-linear through points in rising raw order; beyond the ends the end segments go on.</summary>
    public static double Spline(IReadOnlyList<IReadOnlyList<double>> points, double raw)
    {
        if (points.Count == 1)
        {
            return points[0][1];
        }

        int upper = 1;
        while (upper < points.Count - 1 && raw > points[upper][0])
        {
            upper++;
        }

        IReadOnlyList<double> a = points[upper - 1];
        IReadOnlyList<double> b = points[upper];
        return a[1] + (raw - a[0]) * (b[1] - a[1]) / (b[0] - a[0]);
    }

    public static double Apply(IReadOnlyList<double>? coefficients, double raw)
    {
        if (coefficients is null || coefficients.Count == 0)
        {
            return raw;
        }

        double value = 0;
        for (int i = coefficients.Count - 1; i >= 0; i--)
        {
            value = value * raw + coefficients[i];
        }

        return value;
    }

    /// <summary>The raw value of an engineering value, for linear (or identity) curves; null when the curve is not invertible so.</summary>
    public static double? Invert(IReadOnlyList<double>? coefficients, double engineering)
    {
        if (coefficients is null || coefficients.Count == 0)
        {
            return engineering;
        }

        bool linear = coefficients.Skip(2).All(c => c == 0);
        double slope = coefficients.Count > 1 ? coefficients[1] : 0;
        return linear && slope != 0 ? (engineering - coefficients[0]) / slope : null;
    }
}
