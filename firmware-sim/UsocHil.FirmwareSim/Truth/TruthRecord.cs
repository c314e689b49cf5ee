namespace UsocHil.FirmwareSim.Truth;

/// <summary>One line of the hidden truth: what really happened in the rig at a rig time. Tests read it; the harness never does.</summary>
public sealed record TruthRecord
{
    public required double RigSeconds { get; init; }
    public required int SerialNumber { get; init; }
    public required double CoreCelsius { get; init; }
    public required IReadOnlyList<ThermocoupleTruth> Thermocouples { get; init; }
    public required bool HeaterOn { get; init; }

    /// <summary>Power the controller asks for.</summary>
    public required double HeaterDemandWatts { get; init; }

    /// <summary>Electrical power the element really takes (after arming, the supply and a degraded element).</summary>
    public required double HeaterPowerWatts { get; init; }

    public required bool SupplyOutputOn { get; init; }
    public required double SupplyVolts { get; init; }
    public required double SupplyAmperes { get; init; }
    public required bool PowerEnable { get; init; }
    public required bool HeaterArm { get; init; }
    public required bool Powered { get; init; }
    public required bool Booted { get; init; }
    public required string Mode { get; init; }
    public required int FaultFlags { get; init; }
    public required bool OverTemperatureLatched { get; init; }
    public required bool WatchdogExpired { get; init; }
    public required bool SensorFault { get; init; }

    /// <summary>Logical level of FAULT_N: true while the line is pulled low.</summary>
    public required bool FaultLineAsserted { get; init; }
}

/// <summary>One thermocouple's truth: the junction's real temperature, the reading, and the unit's error parameters.</summary>
public sealed record ThermocoupleTruth(
    double JunctionCelsius,
    double RawCelsius,
    double OffsetKelvin,
    double GainError,
    double QuadraticPerKelvin,
    double LagSeconds,
    bool Open,
    bool Stuck);
