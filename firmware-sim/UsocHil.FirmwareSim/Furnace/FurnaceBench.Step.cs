using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>One fixed step of the whole bench, the discrete lines, the scheduled faults and the truth output.</summary>
public sealed partial class FurnaceBench
{
    private bool _powerEnable;
    private bool _heaterArm;

    /// <summary>POWER_EN as the payload sees it (logical level).</summary>
    public bool PowerEnable
    {
        get => _powerEnable;
        set => Run(bench => bench._powerEnable = value);
    }

    /// <summary>HEATER_ARM as the payload sees it (logical level).</summary>
    public bool HeaterArm
    {
        get => _heaterArm;
        set => Run(bench => bench._heaterArm = value);
    }

    /// <summary>Advances everything by one step; only for the lock holder (and for tests that drive the bench directly).</summary>
    internal void StepOnce()
    {
        TimeSpan step = Options.Model.Step;
        ApplyScheduledFaults();

        // The element takes the power decided at the end of the previous step; then the controller decides anew.
        Physics.HeaterPowerWatts = HeaterPowerWatts;
        Physics.Step();
        for (int i = 0; i < _readings.Length; i++)
        {
            _readings[i] = Physics.Thermocouples[i].Reading;
        }

        double volts = Supply.OutputVolts;
        bool powered = _powerEnable && volts >= Options.Defaults.MinimumBusVolts;
        Controller.Step(Physics.Elapsed, step, powered, _powerEnable, _heaterArm, _readings);

        // The element is switched from the bus with a duty cycle of demand / maximum, sized for the nominal bus: below it
        // every demand is delivered short by (V / V_nominal)², so a supply sag is a disturbance the loop must take up.
        double busFactor = Math.Min(1, Math.Pow(volts / Options.Model.NominalBusVolts, 2));
        HeaterPowerWatts = powered && _heaterArm && Controller.IsBooted
            ? Math.Min(Controller.HeaterDemandWatts, Options.Model.MaxHeaterPowerWatts) * busFactor * Faults.HeaterFactor
            : 0;
        Supply.Load(powered ? Options.Defaults.QuiescentCurrentAmperes + (HeaterPowerWatts / volts) : 0);
        if (!Supply.OutputOn)
        {
            // The over-current protection tripped on this load: the heater never got it.
            HeaterPowerWatts = 0;
        }

        bool faultLine = Controller.FaultLineAsserted;
        if (faultLine != _lastFaultLine)
        {
            _lastFaultLine = faultLine;
            FaultLineChanged?.Invoke(faultLine);
        }

        var state = (Controller.Mode, Controller.Faults, Controller.IsPowered);
        _sinceTruth += step;
        if (_truth is not null && (_sinceTruth >= Options.TruthInterval || state != _lastState))
        {
            _sinceTruth = TimeSpan.Zero;
            _truth.Write(Snapshot());
        }

        _lastState = state;
    }

    private void ApplyScheduledFaults()
    {
        TimeSpan now = Physics.Elapsed;
        for (int i = 0; i < Faults.Sensors.Count; i++)
        {
            SensorFault fault = Faults.Sensors[i];
            bool due = fault.FromBoot ? Controller.IsBooted && Controller.Uptime >= fault.At : now >= fault.At;
            if (!_sensorFaultApplied[i] && due)
            {
                _sensorFaultApplied[i] = true;
                Thermocouple thermocouple = Physics.Thermocouples[fault.Thermocouple - 1];
                if (fault.Kind == SensorFaultKind.Open)
                {
                    thermocouple.Open();
                }
                else
                {
                    thermocouple.Stick();
                }

                _log.Information("Injected fault: TC{Thermocouple} {Kind} at rig time {RigTime}", fault.Thermocouple, fault.Kind, now);
            }
        }

        if (!_rebooted && Faults.RebootAt is { } rebootAt && now >= rebootAt)
        {
            _rebooted = true;
            _log.Information("Injected fault: controller reboot at rig time {RigTime}", now);
            Controller.Reboot();
        }

        if (!_supplyTripped && Faults.SupplyTripAt is { } tripAt && now >= tripAt)
        {
            _supplyTripped = true;
            _log.Information("Injected fault: supply trip at rig time {RigTime}", now);
            Supply.Trip("injected fault");
        }

        if (!_disconnected && Faults.DisconnectAt is { } disconnectAt && now >= disconnectAt)
        {
            _disconnected = true;
            _log.Information("Injected fault: link disconnect at rig time {RigTime}", now);
            DisconnectDue?.Invoke();
        }
    }

    /// <summary>The truth as of now; for the truth file and for tests holding the lock.</summary>
    public TruthRecord Snapshot() => new()
    {
        RigSeconds = Math.Round(Physics.Elapsed.TotalSeconds, 3),
        SerialNumber = Unit.SerialNumber,
        CoreCelsius = Physics.CoreCelsius,
        Thermocouples = [.. Physics.Thermocouples.Select(tc => new ThermocoupleTruth(
            tc.JunctionCelsius, tc.Reading, tc.Errors.OffsetKelvin, tc.Errors.GainError, tc.Errors.QuadraticPerKelvin,
            tc.Lag.TotalSeconds, tc.IsOpen, tc.IsStuck))],
        HeaterOn = HeaterPowerWatts > 0,
        HeaterDemandWatts = Controller.HeaterDemandWatts,
        HeaterPowerWatts = HeaterPowerWatts,
        SupplyOutputOn = Supply.OutputOn,
        SupplyVolts = Supply.OutputVolts,
        SupplyAmperes = Supply.LoadAmperes,
        PowerEnable = _powerEnable,
        HeaterArm = _heaterArm,
        Powered = Controller.IsPowered,
        Booted = Controller.IsBooted,
        Mode = Controller.IsPowered ? Controller.Mode.ToString() : "Unpowered",
        FaultFlags = (int)Controller.Faults,
        OverTemperatureLatched = Controller.Faults.HasFlag(FurnaceFaultFlags.OverTemperature),
        WatchdogExpired = Controller.Faults.HasFlag(FurnaceFaultFlags.Watchdog),
        SensorFault = Controller.Faults.HasFlag(FurnaceFaultFlags.Sensor),
        FaultLineAsserted = Controller.FaultLineAsserted,
    };
}
