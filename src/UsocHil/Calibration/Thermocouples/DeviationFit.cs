using MathNet.Numerics;

namespace UsocHil.Calibration.Thermocouples;

/// <summary>
/// A thermocouple calibrated as EURAMET cg-8 recommends: not a free curve through the points but the deviation of
/// the sensor's EMF from its type's reference function, ΔE(t) = E(t_indicated) - E(t_reference), fitted as a
/// low-order polynomial in the reference temperature. Its coefficients (mV, mV/K, ...), the residuals carried into
/// kelvin by the Seebeck coefficient, and their standard uncertainty (n - order - 1 degrees of freedom) are the record.
/// </summary>
public sealed class DeviationFit
{
    private DeviationFit(IThermocoupleReference reference, PolynomialFit fit, IReadOnlyList<double> residualsKelvin)
    {
        Reference = reference;
        Fit = fit;
        ResidualsKelvin = residualsKelvin;
        DegreesOfFreedom = fit.X.Count - fit.Coefficients.Count;
        ResidualStandardUncertaintyKelvin = DegreesOfFreedom > 0
            ? Math.Sqrt(residualsKelvin.Sum(r => r * r) / DegreesOfFreedom)
            : double.NaN;
    }

    public IThermocoupleReference Reference { get; }

    /// <summary>ΔE (mV) against the reference temperature (degC): coefficients, their uncertainties and residuals in mV.</summary>
    public PolynomialFit Fit { get; }

    public IReadOnlyList<double> Coefficients => Fit.Coefficients;

    /// <summary>Each point's residual as a temperature, K.</summary>
    public IReadOnlyList<double> ResidualsKelvin { get; }

    public int DegreesOfFreedom { get; }

    /// <summary>√(Σ r² / (n - order - 1)) in K; NaN when the fit has no degree of freedom left.</summary>
    public double ResidualStandardUncertaintyKelvin { get; }

    /// <summary>ΔE at a temperature, mV.</summary>
    public double DeviationMillivolts(double celsius) => Fit.Evaluate(celsius);

    /// <summary>
    /// The temperature behind an indicated reading: the t for which E(t) + ΔE(t) = E(t_indicated), by Newton's method
    /// from the indicated value.
    /// </summary>
    public double Correct(double indicatedCelsius)
    {
        double target = Reference.EmfMillivolts(indicatedCelsius);
        double[] slope = Enumerable.Range(1, Math.Max(0, Coefficients.Count - 1)).Select(i => i * Coefficients[i]).ToArray();
        double t = indicatedCelsius;
        for (int i = 0; i < 50; i++)
        {
            double f = Reference.EmfMillivolts(t) + DeviationMillivolts(t) - target;
            double df = Reference.SeebeckMillivoltsPerKelvin(t) + (slope.Length == 0 ? 0 : Polynomial.Evaluate(t, slope));
            double step = f / df;
            t -= step;
            if (Math.Abs(step) < 1e-10)
            {
                break;
            }
        }

        return t;
    }

    /// <summary>Fits ΔE of the indicated temperatures from the reference temperatures, one pair per calibration point.</summary>
    public static DeviationFit Of(IThermocoupleReference reference, IReadOnlyList<double> referenceCelsius, IReadOnlyList<double> indicatedCelsius, int order)
    {
        if (referenceCelsius.Count != indicatedCelsius.Count)
        {
            throw new ArgumentException($"{referenceCelsius.Count} reference temperatures but {indicatedCelsius.Count} indicated ones");
        }

        var outside = referenceCelsius.Concat(indicatedCelsius).Where(t => !(t >= reference.MinimumCelsius && t <= reference.MaximumCelsius)).ToArray();
        if (outside.Length > 0)
        {
            throw new ArgumentException($"{outside[0]} degC is outside the type {reference.Type} reference function ({reference.MinimumCelsius} to {reference.MaximumCelsius} degC)");
        }

        double[] deviations = referenceCelsius.Select((t, i) => reference.EmfMillivolts(indicatedCelsius[i]) - reference.EmfMillivolts(t)).ToArray();
        PolynomialFit fit = PolynomialFit.Of(referenceCelsius, deviations, order);
        double[] residualsKelvin = fit.Residuals.Select((r, i) => r / reference.SeebeckMillivoltsPerKelvin(referenceCelsius[i])).ToArray();
        return new DeviationFit(reference, fit, residualsKelvin);
    }
}
