using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The whole emulated bench in one place: furnace physics, the onboard controller, the 28 V supply, the discrete lines
/// and the scheduled faults, integrated together in fixed steps of rig time. A periodic timer on the
/// <see cref="TimeProvider"/> catches up on the rig time that has passed; anything that reads or changes the bench
/// catches up first too, under one lock, so cause and effect happen at the rig time they should.
/// </summary>
public sealed partial class FurnaceBench : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly long _start;
    private readonly double[] _readings = new double[FurnaceUnit.ThermocoupleCount];
    private readonly bool[] _sensorFaultApplied;
    private readonly TruthWriter? _truth;
    private ITimer? _timer;
    private TimeSpan _sinceTruth;
    private bool _rebooted;
    private bool _disconnected;
    private bool _supplyTripped;
    private bool _lastFaultLine;
    private (FurnaceMode Mode, FurnaceFaultFlags Faults, bool Powered) _lastState;
    private bool _disposed;

    public FurnaceBench(TimeProvider time, FurnaceBenchOptions options, IFurnaceTelemetrySink sink, ILogger log)
    {
        _time = time;
        _log = log;
        Options = options;
        Faults = options.Faults;
        Unit = FurnaceUnit.FromSerialNumber(options.SerialNumber, options.Model);
        Physics = new FurnacePhysics(options.Model, Unit);
        Controller = new FurnaceController(options.Rig.Dictionary, options.SerialNumber, options.Model, options.Defaults, sink, new FurnaceEeprom(options.SerialNumber, options.EepromPath));
        Supply = new PowerSupply(options.SupplySerialNumber);
        _sensorFaultApplied = new bool[Faults.Sensors.Count];
        _truth = options.TruthPath is null ? null : new TruthWriter(options.TruthPath, e => log.Error("Truth file {Path} cannot take more records ({Reason}); the emulated physics goes on without it", options.TruthPath, e.Message));
        _start = time.GetTimestamp();
        StartedUtc = time.GetUtcNow();
    }

    /// <summary>When rig time zero of this bench was, on its clock: the epoch of the payload's time stamps.</summary>
    public DateTimeOffset StartedUtc { get; }

    public FurnaceBenchOptions Options { get; }

    public FaultPlan Faults { get; }

    public FurnaceUnit Unit { get; }

    public FurnacePhysics Physics { get; }

    public FurnaceController Controller { get; }

    public PowerSupply Supply { get; }

    public TimeProvider Time => _time;

    /// <summary>Rig time integrated so far.</summary>
    public TimeSpan RigTime => Physics.Elapsed;

    /// <summary>Electrical power the heater element took in the last step.</summary>
    public double HeaterPowerWatts { get; private set; }

    /// <summary>Raised (under the bench's lock) when FAULT_N changes; true means asserted (line low).</summary>
    public event Action<bool>? FaultLineChanged;

    /// <summary>Raised (under the bench's lock) once, when the injected link disconnect is due.</summary>
    public event Action? DisconnectDue;

    /// <summary>Starts the catch-up timer. Without it the bench only moves when someone calls into it.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _timer ??= _time.CreateTimer(_ => Tick(), null, Options.TickPeriod, Options.TickPeriod);
    }

    /// <summary>Catches up to the provider's rig time and runs <paramref name="action"/> under the bench's lock.</summary>
    public T Run<T>(Func<FurnaceBench, T> action)
    {
        lock (_gate)
        {
            CatchUp();
            return action(this);
        }
    }

    public void Run(Action<FurnaceBench> action)
    {
        lock (_gate)
        {
            CatchUp();
            action(this);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // The last state (the supply switched off by safing a moment ago) may not have reached a physics step yet;
            // a bench that never started writes nothing.
            if (_timer is not null)
            {
                _timer.Dispose();
                _truth?.Write(Snapshot());
            }

            _truth?.Dispose();
        }
    }

    private void Tick()
    {
        try
        {
            lock (_gate)
            {
                CatchUp();
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _log.Error(ex, "Furnace bench step failed at rig time {RigTime}", RigTime);
        }
    }

    private void CatchUp()
    {
        if (_disposed)
        {
            return;
        }

        TimeSpan target = _time.GetElapsedTime(_start);
        TimeSpan step = Options.Model.Step;
        while (Physics.Elapsed + step <= target)
        {
            StepOnce();
        }
    }
}
