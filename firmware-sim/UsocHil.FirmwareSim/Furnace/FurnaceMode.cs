namespace UsocHil.FirmwareSim.Furnace;

/// <summary>The controller's MODE parameter, as the dictionary enumerates it.</summary>
public enum FurnaceMode
{
    Booting = 0,
    Idle = 1,
    Control = 2,
    OpenLoop = 3,
    Safe = 4,
}

/// <summary>The FAULT_FLAGS parameter's bits.</summary>
[Flags]
public enum FurnaceFaultFlags
{
    None = 0,
    OverTemperature = 1,
    Watchdog = 2,
    Sensor = 4,
}
