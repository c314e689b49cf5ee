namespace UsocHil.FirmwareSim.Faults;

/// <summary>A thermocouple (1-based) that sticks at its last reading or goes open-circuit, from a rig time on.</summary>
public sealed record SensorFault(int Thermocouple, SensorFaultKind Kind, TimeSpan At);

public enum SensorFaultKind
{
    Stuck,
    Open,
}
