using MathNet.Numerics.Distributions;

namespace UsocHil.Uncertainty;

/// <summary>
/// The coverage factor k for an effective number of degrees of freedom (GUM G.3, G.4): the two-sided Student t
/// quantile at the coverage probability. The default probability is that of ±2σ of a normal distribution (95.45 %),
/// so an infinite ν gives exactly k = 2, the value EA-4/02 states on certificates.
/// </summary>
public static class CoverageFactor
{
    /// <summary>2Φ(2) - 1 = erf(√2) ≈ 0.9545.</summary>
    public static readonly double NinetyFivePointFourFive = MathNet.Numerics.SpecialFunctions.Erf(Math.Sqrt(2));

    /// <summary>k = t_p(ν); ν may be fractional (the Welch-Satterthwaite value, interpolated rather than truncated).</summary>
    public static double For(double effectiveDegreesOfFreedom, double coverageProbability = double.NaN)
    {
        double p = double.IsNaN(coverageProbability) ? NinetyFivePointFourFive : coverageProbability;
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(coverageProbability), coverageProbability, "a coverage probability is between 0 and 1");
        }

        if (!(effectiveDegreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(effectiveDegreesOfFreedom), effectiveDegreesOfFreedom, "degrees of freedom must be > 0");
        }

        double upper = (1 + p) / 2;
        return double.IsPositiveInfinity(effectiveDegreesOfFreedom)
            ? Normal.InvCDF(0, 1, upper)
            : StudentT.InvCDF(0, 1, effectiveDegreesOfFreedom, upper);
    }
}
