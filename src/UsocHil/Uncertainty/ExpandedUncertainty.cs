namespace UsocHil.Uncertainty;

/// <summary>
/// The four figures a certificate states for a result: U, k, u_c and ν_eff (infinite when every component is Type B).
/// A judged value carries it so a decision rule, the archive and the report see the same numbers.
/// </summary>
public readonly record struct ExpandedUncertainty(double Expanded, double CoverageFactor, double Combined, double EffectiveDegreesOfFreedom)
{
    /// <summary>A declared expanded uncertainty with its coverage factor, no budget behind it (ν taken as infinite).</summary>
    public static ExpandedUncertainty Declared(double expanded, double k = 2) => new(expanded, k, expanded / k, double.PositiveInfinity);
}
