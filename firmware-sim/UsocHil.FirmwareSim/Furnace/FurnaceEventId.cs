namespace UsocHil.FirmwareSim.Furnace;

/// <summary>Event IDs of the furnace dictionary (service 5).</summary>
public static class FurnaceEventId
{
    public const int BootComplete = 1;
    public const int OverTemperature = 2;
    public const int WatchdogExpired = 3;
    public const int HeaterNotArmed = 4;
    public const int SensorFault = 5;
    public const int SupplyLost = 6;
}

/// <summary>Service 1 failure codes of the furnace dictionary.</summary>
public static class FurnaceFailureCode
{
    public const int UnknownService = 1;
    public const int InvalidLength = 2;
    public const int UnknownFunction = 3;
    public const int InvalidArgument = 4;
    public const int UnknownParameter = 5;
    public const int HeaterNotArmed = 6;
    public const int FaultLatched = 7;
    public const int NotReady = 8;
    public const int ReadOnlyParameter = 9;
}

/// <summary>Function IDs of the furnace's service 8 commands.</summary>
public static class FurnaceFunctionId
{
    public const int HeaterOn = 1;
    public const int HeaterOff = 2;
    public const int HeaterOpenLoop = 3;
    public const int ClearFault = 4;

    /// <summary>Saves TCn_C0..C2 to the EEPROM.</summary>
    public const int StoreCalibration = 5;

    /// <summary>Saves PID_KP, PID_KI, PID_KD to the EEPROM.</summary>
    public const int StoreGains = 6;
}
