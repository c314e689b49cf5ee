using UsocHil.Description;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The furnace's onboard controller firmware: boots while powered, reads and calibrates the thermocouples, runs the
/// PID or the open-loop heater, protects against over-temperature, safes the heater when the harness' heartbeat stops,
/// and emits housekeeping and events. Stepped by <see cref="FurnaceBench"/> in fixed steps of rig time, under its lock.
/// </summary>
public sealed partial class FurnaceController
{
    /// <summary>Readings outside this band are an open or shorted junction, not a temperature.</summary>
    private const double PlausibleLowCelsius = -50;
    private const double PlausibleHighCelsius = 1500;

    private readonly RigDictionary _dictionary;
    private readonly IFurnaceTelemetrySink _sink;
    private readonly PidController _pid = new();
    private readonly SetpointRamp _ramp = new();
    private readonly double[] _raw = new double[FurnaceUnit.ThermocoupleCount];
    private readonly double[] _calibrated = new double[FurnaceUnit.ThermocoupleCount];
    private readonly bool[] _valid = new bool[FurnaceUnit.ThermocoupleCount];
    private TimeSpan _bootRemaining;
    private TimeSpan _sinceTelecommand;
    private TimeSpan _sinceHousekeeping;
    private bool _poweredDownUnderPowerEnable;

    public FurnaceController(RigDictionary dictionary, int serialNumber, FurnaceThermalModel model, FurnaceDefaults defaults, IFurnaceTelemetrySink sink, FurnaceEeprom? eeprom = null)
    {
        _dictionary = dictionary;
        _sink = sink;
        SerialNumber = serialNumber;
        Model = model;
        Parameters = new FurnaceParameterStore(dictionary, defaults, eeprom);
        Housekeeping = dictionary.Housekeeping.Single(h => h.StructureId == 1);
        ResetVolatile();
    }

    public int SerialNumber { get; }

    public FurnaceThermalModel Model { get; }

    public FurnaceParameterStore Parameters { get; }

    public FurnaceDefaults Defaults => Parameters.Defaults;

    public HousekeepingStructureDefinition Housekeeping { get; }

    public bool IsPowered { get; private set; }

    public bool IsBooted => IsPowered && Mode != FurnaceMode.Booting;

    public FurnaceMode Mode { get; private set; }

    public FurnaceFaultFlags Faults { get; private set; }

    /// <summary>FAULT_N driven low: the over-temperature fault is latched.</summary>
    public bool FaultLineAsserted => IsPowered && Faults.HasFlag(FurnaceFaultFlags.OverTemperature);

    public bool HeaterActive => Mode is FurnaceMode.Control or FurnaceMode.OpenLoop;

    /// <summary>Heater power the controller asks for (before the supply and the element have their say).</summary>
    public double HeaterDemandWatts { get; private set; }

    public double ControlCelsius { get; private set; } = double.NaN;

    public double RampedSetpointCelsius => _ramp.Current;

    public bool HousekeepingEnabled { get; private set; }

    public TimeSpan HousekeepingInterval { get; private set; }

    public TimeSpan RigTime { get; private set; }

    /// <summary>Rig time since the firmware last finished booting; zero while unpowered or booting.</summary>
    public TimeSpan Uptime { get; private set; }

    /// <summary>One fixed step: the bench's view of power and arming, and the raw thermocouple readings.</summary>
    public void Step(TimeSpan rigTime, TimeSpan step, bool powered, bool powerEnable, bool armed, IReadOnlyList<double> rawReadings)
    {
        RigTime = rigTime;
        if (!powered)
        {
            if (IsPowered)
            {
                LosePower(powerEnable);
            }

            return;
        }

        if (!IsPowered)
        {
            PowerUp();
        }

        ReadThermocouples(rawReadings);
        if (Mode == FurnaceMode.Booting)
        {
            _bootRemaining -= step;
            if (_bootRemaining <= TimeSpan.Zero)
            {
                CompleteBoot();
            }

            return;
        }

        Uptime += step;
        _sinceTelecommand += step;
        Protect(armed);
        HeaterDemandWatts = Mode switch
        {
            FurnaceMode.Control => Regulate(step),
            FurnaceMode.OpenLoop => Parameters["OPEN_LOOP_POWER"],
            _ => 0,
        };
        ScheduleHousekeeping(step);
    }

    /// <summary>Restarts the firmware as a watchdog reset or a glitch would: volatile state lost, boot again.</summary>
    public void Reboot()
    {
        if (IsPowered)
        {
            Parameters.LosePower();
            ResetVolatile();
            PowerUp();
        }
    }

    private void PowerUp()
    {
        IsPowered = true;
        Mode = FurnaceMode.Booting;
        Uptime = TimeSpan.Zero;
        _bootRemaining = Defaults.BootTime;
    }

    private void LosePower(bool powerEnable)
    {
        IsPowered = false;
        _poweredDownUnderPowerEnable = powerEnable;
        Parameters.LosePower();
        ResetVolatile();
    }

    private void ResetVolatile()
    {
        Mode = FurnaceMode.Booting;
        Uptime = TimeSpan.Zero;
        Faults = FurnaceFaultFlags.None;
        HeaterDemandWatts = 0;
        ControlCelsius = double.NaN;
        _pid.Reset();
        _ramp.Start(double.NaN);
        HousekeepingEnabled = true;
        HousekeepingInterval = TimeSpan.FromMilliseconds(Housekeeping.IntervalMs);
        _sinceHousekeeping = TimeSpan.Zero;
        _sinceTelecommand = TimeSpan.Zero;
        Array.Fill(_valid, true);
    }

    private void CompleteBoot()
    {
        Mode = FurnaceMode.Idle;
        Raise(FurnaceEventId.BootComplete, SerialNumber);
        if (_poweredDownUnderPowerEnable)
        {
            _poweredDownUnderPowerEnable = false;
            Raise(FurnaceEventId.SupplyLost);
        }
    }

    private void Raise(int eventId, double? value = null)
    {
        EventDefinition definition = _dictionary.Events.Single(e => e.Id == eventId);
        _sink.Event(new FurnaceEvent(RigTime, definition, value));
    }
}
