namespace UsocHil.FirmwareSim.Furnace;

/// <summary>Live parameter values and the housekeeping schedule.</summary>
public sealed partial class FurnaceController
{
    /// <summary>The engineering value of any dictionary parameter, as the controller would report it now.</summary>
    public double Read(string name) => name switch
    {
        "TC1_RAW" or "TC2_RAW" or "TC3_RAW" => _raw[name[2] - '1'],
        "TC1_TEMP" or "TC2_TEMP" or "TC3_TEMP" => _calibrated[name[2] - '1'],
        "HEATER_POWER" => HeaterDemandWatts,
        "HEATER_ON" => HeaterDemandWatts > 0 ? 1 : 0,
        "MODE" => (int)Mode,
        "FAULT_FLAGS" => (int)Faults,
        "CONTROL_TEMP" => ControlCelsius,
        "SERIAL_NUMBER" => SerialNumber,
        _ => Parameters[name],
    };

    private void ScheduleHousekeeping(TimeSpan step)
    {
        if (!HousekeepingEnabled)
        {
            _sinceHousekeeping = TimeSpan.Zero;
            return;
        }

        _sinceHousekeeping += step;
        if (_sinceHousekeeping < HousekeepingInterval)
        {
            return;
        }

        _sinceHousekeeping -= HousekeepingInterval;
        if (_sinceHousekeeping >= HousekeepingInterval)
        {
            // An interval shorter than the step cannot be kept; do not build up a backlog.
            _sinceHousekeeping = TimeSpan.Zero;
        }

        var values = new ParameterReading[Housekeeping.Parameters.Count];
        for (int i = 0; i < values.Length; i++)
        {
            string name = Housekeeping.Parameters[i];
            values[i] = new ParameterReading(Parameters.Definition(name), Read(name));
        }

        _sink.Housekeeping(new HousekeepingSample(RigTime, Housekeeping, values));
    }
}
