namespace UsocHil.Dictionary;

/// <summary>The raw → engineering polynomial of a parameter: sum of c[i] × raw^i, identity when there are no coefficients.</summary>
public static class Calibration
{
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
