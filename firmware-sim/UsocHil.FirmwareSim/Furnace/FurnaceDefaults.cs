namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The firmware's values for settable parameters after a power-up. The PID gains are deliberately conservative: stable
/// and without overshoot, but slow to follow a ramp and to settle, so tuning has something to find.
/// </summary>
public sealed record FurnaceDefaults
{
    public double SetpointCelsius { get; init; } = 20;
    public double Kp { get; init; } = 20;
    public double Ki { get; init; } = 0.1;
    public double Kd { get; init; }
    public double RampKelvinPerMinute { get; init; } = 10;
    public double WatchdogTimeoutSeconds { get; init; } = 30;
    public double OpenLoopPowerWatts { get; init; }
    public TimeSpan BootTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Above this on any valid thermocouple (raw or calibrated) or on CONTROL_TEMP, the heater is cut and the fault latched.</summary>
    public double OverTemperatureCelsius { get; init; } = 1050;

    /// <summary>CLEAR_FAULT is refused until the furnace has cooled below this.</summary>
    public double ClearFaultBelowCelsius { get; init; } = 1000;

    /// <summary>Supply voltage under which the controller cannot run (under-voltage lockout).</summary>
    public double MinimumBusVolts { get; init; } = 22;

    /// <summary>What the controller electronics draw from the bus, heater off.</summary>
    public double QuiescentCurrentAmperes { get; init; } = 0.25;

    public double For(string parameter) => parameter switch
    {
        "SETPOINT" => SetpointCelsius,
        "PID_KP" => Kp,
        "PID_KI" => Ki,
        "PID_KD" => Kd,
        "RAMP_RATE" => RampKelvinPerMinute,
        "WATCHDOG_TIMEOUT" => WatchdogTimeoutSeconds,
        "OPEN_LOOP_POWER" => OpenLoopPowerWatts,
        _ when parameter.EndsWith("_C1", StringComparison.Ordinal) => 1,
        _ => 0,
    };
}
