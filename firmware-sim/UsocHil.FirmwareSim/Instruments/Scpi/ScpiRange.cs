namespace UsocHil.FirmwareSim.Instruments.Scpi;

/// <summary>
/// What a numeric setting accepts: its limits (what MINimum and MAXimum mean), its *RST value (DEFault) and its unit
/// (V, A, OHM, HZ...), which a parameter may carry with a multiplier (<c>24000mV</c>).
/// </summary>
public sealed record ScpiRange(double Min, double Max, double Default, string Unit);
