using System.Runtime.CompilerServices;
using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// A parameter's <see cref="Calibration"/> resolved once, so the decoders' per-field work is one branch and a few
/// multiplications. The same operations in the same order as <see cref="Calibration.Apply(ParameterDefinition, double)"/>,
/// so the same bits.
/// </summary>
internal readonly struct CalibrationCurve
{
    private readonly CurveKind _kind;
    private readonly double _c0;
    private readonly double _c1;
    private readonly double[] _coefficients;
    private readonly double[] _splineRaw;
    private readonly double[] _splineEngineering;

    public CalibrationCurve(ParameterDefinition parameter)
    {
        _coefficients = [.. parameter.Calibration ?? []];
        IReadOnlyList<IReadOnlyList<double>> points = parameter.Spline ?? [];
        _splineRaw = [.. points.Select(p => p[0])];
        _splineEngineering = [.. points.Select(p => p[1])];
        _kind = _splineRaw.Length > 0 ? CurveKind.Spline
            : _coefficients.Length switch
            {
                0 => CurveKind.Identity,
                2 => CurveKind.Linear,
                _ => CurveKind.Polynomial,
            };
        (_c0, _c1) = _kind == CurveKind.Linear ? (_coefficients[0], _coefficients[1]) : (0, 0);
    }

    public bool IsIdentity => _kind == CurveKind.Identity;

    public bool IsLinear => _kind == CurveKind.Linear;

    /// <summary>c1 of a linear curve.</summary>
    public double Slope => _c1;

    /// <summary>c0 of a linear curve.</summary>
    public double Intercept => _c0;

    private enum CurveKind : byte
    {
        Identity,
        Linear,
        Polynomial,
        Spline,
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Apply(double raw) => _kind switch
    {
        CurveKind.Identity => raw,

        // Horner's first step kept as it is: 0 × raw is NaN for an infinite raw value.
        CurveKind.Linear => ((0.0 * raw) + _c1) * raw + _c0,
        CurveKind.Polynomial => Polynomial(raw),
        _ => Spline(raw),
    };

    private double Polynomial(double raw)
    {
        double[] c = _coefficients;
        double value = 0;
        for (int i = c.Length - 1; i >= 0; i--)
        {
            value = value * raw + c[i];
        }

        return value;
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
