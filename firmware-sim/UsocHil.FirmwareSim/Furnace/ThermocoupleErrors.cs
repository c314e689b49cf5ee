namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// One thermocouple's manufacturing errors: raw = offset + (1 + gain) * T + quadratic * T², T in °C. Unknown to the
/// harness; the calibration sequence finds their inverse. With |quadratic| ≤ 1.6e-6 /K the inverse is a quadratic in
/// raw to within a few millikelvin over 0–1000 °C.
/// </summary>
public readonly record struct ThermocoupleErrors(double OffsetKelvin, double GainError, double QuadraticPerKelvin)
{
    public const double MaxOffsetKelvin = 5;
    public const double MaxGainError = 0.02;

    /// <summary>1 K of non-linearity at 800 °C.</summary>
    public const double MaxQuadraticPerKelvin = 1.0 / (800 * 800);

    public static ThermocoupleErrors None => new(0, 0, 0);

    /// <summary>The reading, without noise, of a junction at <paramref name="celsius"/>.</summary>
    public double Apply(double celsius) => OffsetKelvin + ((1 + GainError) * celsius) + (QuadraticPerKelvin * celsius * celsius);

    /// <summary>Draws a unit's errors: uniform within the manufacturing tolerances.</summary>
    public static ThermocoupleErrors Draw(Random random) => new(
        Uniform(random, MaxOffsetKelvin),
        Uniform(random, MaxGainError),
        Uniform(random, MaxQuadraticPerKelvin));

    private static double Uniform(Random random, double halfWidth) => ((random.NextDouble() * 2) - 1) * halfWidth;
}
