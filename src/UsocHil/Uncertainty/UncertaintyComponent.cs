namespace UsocHil.Uncertainty;

/// <summary>
/// One line of a GUM budget: an input quantity's standard uncertainty u(x_i), the sensitivity coefficient c_i that
/// carries it into the result, and its degrees of freedom (infinite for a Type B estimate taken as exactly known,
/// n - 1 for a Type A mean of n readings).
/// </summary>
public sealed record UncertaintyComponent
{
    public UncertaintyComponent(string name, double standardUncertainty, double sensitivityCoefficient = 1, double degreesOfFreedom = double.PositiveInfinity)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an uncertainty component needs a name", nameof(name));
        }

        if (!(standardUncertainty >= 0) || double.IsInfinity(standardUncertainty))
        {
            throw new ArgumentOutOfRangeException(nameof(standardUncertainty), standardUncertainty, $"{name}: a standard uncertainty is a finite number >= 0");
        }

        if (!double.IsFinite(sensitivityCoefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivityCoefficient), sensitivityCoefficient, $"{name}: the sensitivity coefficient must be finite");
        }

        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, $"{name}: degrees of freedom must be > 0");
        }

        Name = name;
        StandardUncertainty = standardUncertainty;
        SensitivityCoefficient = sensitivityCoefficient;
        DegreesOfFreedom = degreesOfFreedom;
    }

    public string Name { get; }

    /// <summary>u(x_i), in the unit of the input quantity.</summary>
    public double StandardUncertainty { get; }

    /// <summary>c_i = ∂y/∂x_i.</summary>
    public double SensitivityCoefficient { get; }

    /// <summary>ν_i; <see cref="double.PositiveInfinity"/> for a Type B estimate.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>u_i(y) = |c_i| u(x_i), in the unit of the result.</summary>
    public double Contribution => Math.Abs(SensitivityCoefficient) * StandardUncertainty;

    /// <summary>A Type A component: the standard deviation of the mean of <paramref name="readings"/> (ν = n - 1).</summary>
    public static UncertaintyComponent TypeA(string name, IReadOnlyList<double> readings, double sensitivityCoefficient = 1)
    {
        if (readings.Count < 2)
        {
            throw new ArgumentException($"{name}: a Type A estimate needs at least two readings", nameof(readings));
        }

        double mean = readings.Average();
        double variance = readings.Sum(r => (r - mean) * (r - mean)) / (readings.Count - 1);
        return new UncertaintyComponent(name, Math.Sqrt(variance / readings.Count), sensitivityCoefficient, readings.Count - 1);
    }

    /// <summary>A Type B component from a rectangular distribution of half-width <paramref name="halfWidth"/> (u = a/√3).</summary>
    public static UncertaintyComponent Rectangular(string name, double halfWidth, double sensitivityCoefficient = 1) =>
        new(name, Math.Abs(halfWidth) / Math.Sqrt(3), sensitivityCoefficient);

    /// <summary>A Type B component from an expanded uncertainty stated with coverage factor <paramref name="k"/> (a certificate).</summary>
    public static UncertaintyComponent FromExpanded(string name, double expanded, double k, double sensitivityCoefficient = 1) =>
        new(name, Math.Abs(expanded) / k, sensitivityCoefficient);
}
