namespace UsocHil.Uncertainty;

/// <summary>
/// A GUM uncertainty budget for one result: its named components, the combined standard uncertainty u_c (root sum of
/// the squared contributions, inputs uncorrelated), the Welch-Satterthwaite effective degrees of freedom ν_eff, the
/// coverage factor k from the Student t distribution and the expanded uncertainty U = k u_c.
/// </summary>
public sealed class UncertaintyBudget
{
    public UncertaintyBudget(string result, string? unit, IReadOnlyList<UncertaintyComponent> components, double coverageProbability = double.NaN)
    {
        if (components.Count == 0)
        {
            throw new ArgumentException($"{result}: a budget needs at least one component", nameof(components));
        }

        Result = result;
        Unit = unit;
        Components = components;
        CoverageProbability = double.IsNaN(coverageProbability) ? Uncertainty.CoverageFactor.NinetyFivePointFourFive : coverageProbability;
        Combined = Math.Sqrt(components.Sum(c => c.Contribution * c.Contribution));
        EffectiveDegreesOfFreedom = WelchSatterthwaite(components, Combined);
        CoverageFactor = Uncertainty.CoverageFactor.For(EffectiveDegreesOfFreedom, CoverageProbability);
        Expanded = CoverageFactor * Combined;
    }

    /// <summary>What the budget is for ("TC1 at 400 degC", "TC1_TEMP - dmm").</summary>
    public string Result { get; }

    public string? Unit { get; }

    public IReadOnlyList<UncertaintyComponent> Components { get; }

    public double CoverageProbability { get; }

    /// <summary>u_c(y).</summary>
    public double Combined { get; }

    /// <summary>ν_eff; infinite when every contributing component is Type B.</summary>
    public double EffectiveDegreesOfFreedom { get; }

    /// <summary>k = t_p(ν_eff).</summary>
    public double CoverageFactor { get; }

    /// <summary>U = k u_c.</summary>
    public double Expanded { get; }

    public ExpandedUncertainty Summary => new(Expanded, CoverageFactor, Combined, EffectiveDegreesOfFreedom);

    /// <summary>ν_eff = u_c⁴ / Σ (u_i⁴ / ν_i) (GUM G.4.1); components that contribute nothing or are exactly known add nothing.</summary>
    private static double WelchSatterthwaite(IReadOnlyList<UncertaintyComponent> components, double combined)
    {
        double denominator = components
            .Where(c => c.Contribution > 0 && !double.IsPositiveInfinity(c.DegreesOfFreedom))
            .Sum(c => Math.Pow(c.Contribution, 4) / c.DegreesOfFreedom);
        return denominator > 0 && combined > 0 ? Math.Pow(combined, 4) / denominator : double.PositiveInfinity;
    }
}
