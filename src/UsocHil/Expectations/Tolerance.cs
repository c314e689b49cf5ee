namespace UsocHil.Expectations;

/// <summary>
/// An upper bound with an optional marginal zone: at most <see cref="Nominal"/> passes, at most <see cref="Hard"/> is
/// marginal, beyond fails. A single number from rig.json is a tolerance with no marginal zone.
/// </summary>
public readonly record struct Tolerance
{
    public Tolerance(double nominal, double hard)
    {
        if (hard < nominal)
        {
            throw new ArgumentOutOfRangeException(nameof(hard), hard, $"hard bound must be at least the nominal {nominal}");
        }

        Nominal = nominal;
        Hard = hard;
    }

    public double Nominal { get; }
    public double Hard { get; }

    public static Tolerance Exactly(double bound) => new(bound, bound);
}
