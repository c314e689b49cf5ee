using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// A parameter's <see cref="Calibration"/> resolved once into flat arrays, so the decoders' per-field work is a
/// branch and a few multiplications; the same operations in the same order, so the same bits as <see cref="Calibration.Apply(ParameterDefinition, double)"/>.
/// </summary>
internal readonly struct CalibrationCurve
{
    private readonly double[] _coefficients;
    private readonly double[] _splineRaw;
    private readonly double[] _splineEngineering;

    public CalibrationCurve(ParameterDefinition parameter)
    {
        _coefficients = [.. parameter.Calibration ?? []];
        IReadOnlyList<IReadOnlyList<double>> points = parameter.Spline ?? [];
        _splineRaw = [.. points.Select(p => p[0])];
        _splineEngineering = [.. points.Select(p => p[1])];
    }

    public double Apply(double raw) => _splineRaw.Length > 0 ? Spline(raw) : Polynomial(raw);

    private double Polynomial(double raw)
    {
        double[] c = _coefficients;
        switch (c.Length)
        {
            case 0:
                return raw;
            case 2:
                // Horner's first step kept as it is (0 × raw is NaN for an infinite raw value).
                return ((0.0 * raw) + c[1]) * raw + c[0];
            default:
                double value = 0;
                for (int i = c.Length - 1; i >= 0; i--)
                {
                    value = value * raw + c[i];
                }

                return value;
        }
    }

    private double Spline(double raw)
    {
        double[] x = _splineRaw;
        double[] y = _splineEngineering;
        if (x.Length == 1)
        {
            return y[0];
        }

        int upper = 1;
        while (upper < x.Length - 1 && raw > x[upper])
        {
            upper++;
        }

        return y[upper - 1] + (raw - x[upper - 1]) * (y[upper] - y[upper - 1]) / (x[upper] - x[upper - 1]);
    }
}
