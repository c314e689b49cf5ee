namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// The bench power supply standing in for the station's 28 V bus: a voltage setpoint, a current limit that trips the
/// output off (an over-current protection, not constant-current mode), and the load the furnace puts on it.
/// Stepped by the bench under its lock; the SCPI front end reads and sets it under the same lock.
/// </summary>
public sealed class PowerSupply
{
    public const double MaxVolts = 32;
    public const double MaxAmperes = 30;

    public PowerSupply(string serialNumber)
    {
        SerialNumber = serialNumber;
        Reset();
    }

    public string SerialNumber { get; }

    public ScpiErrorQueue Errors { get; } = new();

    public double VoltageSetpoint { get; set; }

    public double CurrentLimit { get; set; }

    public bool OutputOn { get; set; }

    /// <summary>The last load current the furnace drew (0 while the output is off).</summary>
    public double LoadAmperes { get; private set; }

    public double OutputVolts => OutputOn ? VoltageSetpoint : 0;

    /// <summary>How many times the over-current protection tripped since the last reset.</summary>
    public int Trips { get; private set; }

    /// <summary>*RST: 0 V, the maximum current limit, output off.</summary>
    public void Reset()
    {
        VoltageSetpoint = 0;
        CurrentLimit = MaxAmperes;
        OutputOn = false;
        LoadAmperes = 0;
    }

    /// <summary>Applies the load of one step; trips the output off when it exceeds the limit.</summary>
    public void Load(double amperes)
    {
        LoadAmperes = OutputOn ? amperes : 0;
        if (OutputOn && amperes > CurrentLimit)
        {
            Trip("current limit");
        }
    }

    public void Trip(string reason)
    {
        if (!OutputOn)
        {
            return;
        }

        OutputOn = false;
        LoadAmperes = 0;
        Trips++;
        Errors.Push(301, $"Output tripped: {reason}");
    }
}
