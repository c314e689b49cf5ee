using MathNet.Numerics;

namespace UsocHil.Calibration.Thermocouples;

/// <summary>
/// Type K (nickel-chromium / nickel-aluminium), IEC 60584-1:2013 and NIST Monograph 175 (ITS-90): below 0 degC a
/// tenth-order polynomial, from 0 to 1372 degC a ninth-order polynomial plus the term a0 exp(a1 (t - a2)^2) that
/// models the alloy's magnetic transition near 127 degC. The standard's inverse polynomials approximate t(E) only to
/// within 0.06 K, as much as the deviations being fitted, so <see cref="Celsius"/> starts from them and refines by
/// Newton's method on E(t) until the inverse is exact to 1e-9 K.
/// </summary>
public sealed class TypeKReference : IThermocoupleReference
{
    private static readonly double[] BelowZero =
    [
        0.0, 0.394501280250E-01, 0.236223735980E-04, -0.328589067840E-06, -0.499048287770E-08, -0.675090591730E-10,
        -0.574103274280E-12, -0.310888728940E-14, -0.104516093650E-16, -0.198892668780E-19, -0.163226974860E-22,
    ];

    private static readonly double[] AboveZero =
    [
        -0.176004136860E-01, 0.389212049750E-01, 0.185587700320E-04, -0.994575928740E-07, 0.318409457190E-09,
        -0.560728448890E-12, 0.560750590590E-15, -0.320207200030E-18, 0.971511471520E-22, -0.121047212750E-25,
    ];

    private const double A0 = 0.118597600000E+00;
    private const double A1 = -0.118343200000E-03;
    private const double A2 = 0.126968600000E+03;

    private static readonly double[] InverseBelowZero =
        [0.0, 2.5173462E+01, -1.1662878E+00, -1.0833638E+00, -8.9773540E-01, -3.7342377E-01, -8.6632643E-02, -1.0450598E-02, -5.1920577E-04];

    private static readonly double[] InverseTo500 =
        [0.0, 2.508355E+01, 7.860106E-02, -2.503131E-01, 8.315270E-02, -1.228034E-02, 9.804036E-04, -4.413030E-05, 1.057734E-06, -1.052755E-08];

    private static readonly double[] InverseAbove500 =
        [-1.318058E+02, 4.830222E+01, -1.646031E+00, 5.464731E-02, -9.650715E-04, 8.802193E-06, -3.110810E-08];

    public string Type => "K";

    public double MinimumCelsius => -270;

    public double MaximumCelsius => 1372;

    public double EmfMillivolts(double celsius)
    {
        CheckRange(celsius);
        return celsius < 0
            ? Polynomial.Evaluate(celsius, BelowZero)
            : Polynomial.Evaluate(celsius, AboveZero) + (A0 * Math.Exp(A1 * (celsius - A2) * (celsius - A2)));
    }

    public double SeebeckMillivoltsPerKelvin(double celsius)
    {
        CheckRange(celsius);
        double[] c = celsius < 0 ? BelowZero : AboveZero;
        double slope = Polynomial.Evaluate(celsius, Enumerable.Range(1, c.Length - 1).Select(i => i * c[i]).ToArray());
        return celsius < 0 ? slope : slope + (A0 * Math.Exp(A1 * (celsius - A2) * (celsius - A2)) * 2 * A1 * (celsius - A2));
    }

    /// <summary>The standard's inverse polynomial, good to about 0.06 K: the start of <see cref="Celsius"/>.</summary>
    public static double ApproximateCelsius(double emfMillivolts) => emfMillivolts switch
    {
        < 0 => Polynomial.Evaluate(emfMillivolts, InverseBelowZero),
        < 20.644 => Polynomial.Evaluate(emfMillivolts, InverseTo500),
        _ => Polynomial.Evaluate(emfMillivolts, InverseAbove500),
    };

    public double Celsius(double emfMillivolts)
    {
        double low = EmfMillivolts(MinimumCelsius);
        double high = EmfMillivolts(MaximumCelsius);
        if (!(emfMillivolts >= low && emfMillivolts <= high))
        {
            throw new ArgumentOutOfRangeException(nameof(emfMillivolts), emfMillivolts, $"type K reference function covers {low:F3} to {high:F3} mV");
        }

        // Below -200 degC the inverse polynomial is not defined and the Seebeck coefficient falls towards 0: bisect there.
        if (emfMillivolts < EmfMillivolts(-200))
        {
            return Bisect(emfMillivolts, MinimumCelsius, -200);
        }

        double t = Math.Clamp(ApproximateCelsius(emfMillivolts), MinimumCelsius, MaximumCelsius);
        for (int i = 0; i < 20; i++)
        {
            double step = (EmfMillivolts(t) - emfMillivolts) / SeebeckMillivoltsPerKelvin(t);
            t = Math.Clamp(t - step, MinimumCelsius, MaximumCelsius);
            if (Math.Abs(step) < 1e-10)
            {
                break;
            }
        }

        return t;
    }

    private double Bisect(double emf, double low, double high)
    {
        for (int i = 0; i < 100 && high - low > 1e-11; i++)
        {
            double mid = (low + high) / 2;
            if (EmfMillivolts(mid) < emf)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    private void CheckRange(double celsius)
    {
        if (!(celsius >= MinimumCelsius && celsius <= MaximumCelsius))
        {
            throw new ArgumentOutOfRangeException(nameof(celsius), celsius, $"type K reference function covers {MinimumCelsius} to {MaximumCelsius} degC");
        }
    }
}
