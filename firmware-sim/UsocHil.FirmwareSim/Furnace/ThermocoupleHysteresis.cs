namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// A thermocouple's hysteresis: the wire's history (the junction's temperature through a long first-order lag) lies
/// below the junction after warming and above it after cooling, and the reading is shifted towards it, proportionally
/// up to <paramref name="SpanKelvin"/> of difference and by at most half of <paramref name="WidthKelvin"/>. Held long
/// at one temperature, the history catches up and the shift fades.
/// </summary>
public sealed record ThermocoupleHysteresis(double WidthKelvin, TimeSpan Memory, double SpanKelvin)
{
    public static ThermocoupleHysteresis None { get; } = new(0, TimeSpan.FromMinutes(1), 1);

    /// <summary>The fraction of the way the history moves towards the junction over <paramref name="step"/> (exact for a first-order lag).</summary>
    public double Alpha(TimeSpan step) => 1 - Math.Exp(-step.TotalSeconds / Memory.TotalSeconds);

    /// <summary>The shift of the sensed temperature for a history <paramref name="historyMinusJunction"/> kelvin from the junction's.</summary>
    public double Shift(double historyMinusJunction) =>
        Math.Clamp(historyMinusJunction / SpanKelvin, -1, 1) * WidthKelvin / 2;
}
