namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// A thermocouple (1-based) that sticks at its last reading or goes open-circuit, from a rig time on: counted from the
/// emulator's start, or, <paramref name="FromBoot"/>, from the end of the unit's boot (its uptime), which the harness'
/// start-up jitter does not move.
/// </summary>
public sealed record SensorFault(int Thermocouple, SensorFaultKind Kind, TimeSpan At, bool FromBoot = false);

public enum SensorFaultKind
{
    Stuck,
    Open,
}
