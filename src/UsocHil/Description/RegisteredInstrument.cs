namespace UsocHil.Description;

/// <summary>
/// One reference instrument in the station's register (ISO/IEC 17025 6.4): which instrument of which rig, its serial,
/// the certificate that states its uncertainty, when it was calibrated and when it is due. A run whose reference is
/// due before today is refused, or, overridden, recorded as not valid for acceptance.
/// </summary>
public sealed record RegisteredInstrument
{
    public required string Rig { get; init; }

    /// <summary>The instrument's name in the rig's <c>instruments</c>.</summary>
    public required string Instrument { get; init; }

    public required string Serial { get; init; }

    public required string Certificate { get; init; }

    /// <summary>Date of calibration, ISO 8601 (yyyy-mm-dd).</summary>
    public required DateOnly Calibrated { get; init; }

    /// <summary>Date the next calibration is due, ISO 8601; the instrument may be used up to and including it.</summary>
    public required DateOnly Due { get; init; }

    /// <summary>The expanded uncertainty (k = 2) the certificate states, in the reference's unit.</summary>
    public double Uncertainty { get; init; }
}
