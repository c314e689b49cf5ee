namespace UsocHil.Description;

/// <summary>
/// The sensor behind a temperature parameter when it is a thermocouple: <c>"thermocouple": { "type": "K" }</c>. A fit
/// of that parameter then also fits its deviation from the type's reference function (EURAMET cg-8).
/// </summary>
public sealed record ThermocoupleDefinition
{
    /// <summary>A type registered in <see cref="Calibration.Thermocouples.ThermocoupleReferences"/> ("K").</summary>
    public required string Type { get; init; }
}
