namespace UsocHil.Optimisation;

public enum OptimisationMethod
{
    /// <summary>n-D downhill simplex (MathNet.Numerics NelderMeadSimplex).</summary>
    NelderMead,

    /// <summary>1-D bracketed search (MathNet.Numerics GoldenSectionMinimizer).</summary>
    GoldenSection,
}
