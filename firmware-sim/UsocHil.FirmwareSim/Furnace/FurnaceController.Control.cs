namespace UsocHil.FirmwareSim.Furnace;

/// <summary>Sensing, protection and regulation.</summary>
public sealed partial class FurnaceController
{
    private void ReadThermocouples(IReadOnlyList<double> rawReadings)
    {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < _raw.Length; i++)
        {
            double raw = rawReadings[i];
            _raw[i] = raw;
            string prefix = $"TC{i + 1}_";
            _calibrated[i] = Parameters[prefix + "C0"] + (Parameters[prefix + "C1"] * raw) + (Parameters[prefix + "C2"] * raw * raw);
            bool valid = raw is >= PlausibleLowCelsius and <= PlausibleHighCelsius;
            if (_valid[i] && !valid && Mode != FurnaceMode.Booting)
            {
                Faults |= FurnaceFaultFlags.Sensor;
                Raise(FurnaceEventId.SensorFault, i + 1);
            }

            _valid[i] = valid;
            if (valid)
            {
                sum += _calibrated[i];
                count++;
            }
        }

        ControlCelsius = count > 0 ? sum / count : double.NaN;
    }

    private void Protect(bool armed)
    {
        double hottest = double.NegativeInfinity;
        for (int i = 0; i < _raw.Length; i++)
        {
            if (_valid[i])
            {
                hottest = Math.Max(hottest, Math.Max(_raw[i], _calibrated[i]));
            }
        }

        if (hottest >= Defaults.OverTemperatureCelsius && !Faults.HasFlag(FurnaceFaultFlags.OverTemperature))
        {
            Faults |= FurnaceFaultFlags.OverTemperature;
            Mode = FurnaceMode.Safe;
            Raise(FurnaceEventId.OverTemperature, hottest);
        }

        if (!HeaterActive)
        {
            return;
        }

        if (_sinceTelecommand.TotalSeconds >= Parameters["WATCHDOG_TIMEOUT"])
        {
            Faults |= FurnaceFaultFlags.Watchdog;
            Mode = FurnaceMode.Idle;
            Raise(FurnaceEventId.WatchdogExpired, _sinceTelecommand.TotalSeconds);
        }
        else if (!armed)
        {
            Mode = FurnaceMode.Idle;
            Raise(FurnaceEventId.HeaterNotArmed);
        }
        else if (Mode == FurnaceMode.Control && double.IsNaN(ControlCelsius))
        {
            Mode = FurnaceMode.Idle;
        }
    }

    private double Regulate(TimeSpan step)
    {
        double setpoint = _ramp.Advance(Parameters["SETPOINT"], Parameters["RAMP_RATE"], step);
        return _pid.Update(
            setpoint,
            ControlCelsius,
            Parameters["PID_KP"],
            Parameters["PID_KI"],
            Parameters["PID_KD"],
            Model.MaxHeaterPowerWatts,
            step);
    }
}
