using Serilog;
using UsocHil.Description;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.FirmwareSim.Onboard;
using UsocHil.FirmwareSim.Plant;
using UsocHil.FirmwareSim.Truth;

namespace UsocHil.FirmwareSim.Modelled;

/// <summary>
/// A rig emulated from its description: the plant of model.json, the onboard software of its dictionary, the bench
/// supply, the discrete lines, the scheduled faults and the truth file, stepped together in fixed steps of rig time
/// under one lock (as the furnace bench is): a periodic timer catches up, and whatever reads or changes the bench
/// catches up first.
/// </summary>
public sealed class ModelledBench : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly long _start;
    private readonly TruthWriter? _truth;
    private readonly bool[] _signalFaultApplied;
    private readonly Func<double[], double>?[] _signalFaultWhen;
    private readonly int[] _inputSlots;
    private readonly Func<double[], double> _load;
    private ITimer? _timer;
    private long _steps;
    private double _sinceTruth;
    private string _lastDiscrete = "";
    private bool _rebooted;
    private bool _supplyTripped;
    private bool _disconnected;
    private bool _disposed;

    public ModelledBench(TimeProvider time, ModelledBenchOptions options, IFurnaceTelemetrySink sink, ILogger log)
    {
        _time = time;
        _log = log;
        Options = options;
        Plant = new PlantModel(options.Model, options.Rig, options.SerialNumber);
        Software = new OnboardSoftware(options.Rig, Plant, sink, new FurnaceEeprom(options.SerialNumber, options.EepromPath));
        Supply = new PowerSupply(options.SupplySerialNumber);
        foreach (SignalFault fault in options.Faults.Signals.Where(f => !Plant.Has(f.Signal)))
        {
            throw new FaultSpecException($"signal={fault.Signal}", $"the {options.Rig.Name} model has no signal '{fault.Signal}'");
        }

        _load = Plant.Compile(options.Model.Power.LoadAmperes, "power.loadAmperes");
        _signalFaultApplied = new bool[options.Faults.Signals.Count];
        _signalFaultWhen = [.. options.Faults.Signals.Select(f => f.When is string when ? CompileFault(f, when) : null)];
        _inputSlots = [.. options.Model.Lines.Keys.Select(Plant.Slot)];
        _truth = options.TruthPath is null ? null : new TruthWriter(options.TruthPath, e => log.Error("Truth file {Path} cannot take more records ({Reason}); the emulation goes on without it", options.TruthPath, e.Message));
        _start = time.GetTimestamp();
        StartedUtc = time.GetUtcNow();
    }

    public ModelledBenchOptions Options { get; }

    public PlantModel Plant { get; }

    public OnboardSoftware Software { get; }

    public PowerSupply Supply { get; }

    public FaultPlan Faults => Options.Faults;

    /// <summary>Rig time zero of this bench on its clock: the epoch of the payload's time stamps (its onboard clock).</summary>
    public DateTimeOffset StartedUtc { get; }

    /// <summary>The bench is disposed: nothing moves any more.</summary>
    public bool Stopped => _disposed;

    public TimeSpan RigTime => TimeSpan.FromSeconds(_steps * Options.Model.StepSeconds);

    /// <summary>Raised (under the lock) when an input line the model drives changes: its name and whether it is asserted.</summary>
    public event Action<string, bool>? InputChanged;

    /// <summary>Raised (under the lock) once, when the injected link disconnect is due.</summary>
    public event Action? DisconnectDue;

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _timer ??= _time.CreateTimer(_ => Tick(), null, Options.TickPeriod, Options.TickPeriod);
    }

    public T Run<T>(Func<ModelledBench, T> action)
    {
        lock (_gate)
        {
            CatchUp();
            return action(this);
        }
    }

    public void Run(Action<ModelledBench> action)
    {
        lock (_gate)
        {
            CatchUp();
            action(this);
        }
    }

    /// <summary>An output line of the harness as the payload sees it (logical level).</summary>
    public void SetLine(string line, bool asserted) => Run(b => b.Plant[line] = asserted ? 1 : 0);

    public bool ReadLine(string line) => Run(b => b.Plant[line] != 0);

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_timer is not null)
            {
                _timer.Dispose();
                WriteTruth();
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
            _log.Error(ex, "Emulated {Rig} step failed at rig time {RigTime}", Options.Rig.Name, RigTime);
        }
    }

    private void CatchUp()
    {
        if (_disposed)
        {
            return;
        }

        double target = _time.GetElapsedTime(_start).TotalSeconds;
        double step = Options.Model.StepSeconds;
        while ((_steps + 1) * step <= target + 1e-9)
        {
            StepOnce();
        }
    }

    private void StepOnce()
    {
        _steps++;
        ApplyScheduledFaults();
        PowerDefinition power = Options.Model.Power;
        Plant["SUPPLY_V"] = Supply.OutputVolts;
        bool powered = Supply.OutputVolts >= power.MinimumVolts && (power.Line is null || Plant[power.Line] != 0);
        Plant.Step();
        Software.Step(powered, RigTime);
        Supply.Load(_load(Plant.Values));

        string discrete = Discrete();
        if (discrete != _lastDiscrete)
        {
            string previous = _lastDiscrete;
            _lastDiscrete = discrete;
            for (int i = 0; i < _inputSlots.Length; i++)
            {
                bool asserted = Plant.Values[_inputSlots[i]] != 0;
                if (previous.Length == 0 || (previous[i] == '1') != asserted)
                {
                    InputChanged?.Invoke(Plant.Names[_inputSlots[i]], asserted);
                }
            }

            WriteTruth();
            return;
        }

        _sinceTruth += Options.Model.StepSeconds;
        if (_sinceTruth + 1e-9 >= Options.Model.TruthIntervalSeconds)
        {
            WriteTruth();
        }
    }

    /// <summary>Input lines, then output lines, power and boot, as one string: a change of any writes a truth line.</summary>
    private string Discrete() =>
        string.Concat(_inputSlots.Select(s => Plant.Values[s] != 0 ? '1' : '0'))
        + string.Concat(Options.Rig.Gpio.Where(g => g.Direction == "output").Select(g => Plant[g.Name] != 0 ? '1' : '0'))
        + (Supply.OutputOn ? '1' : '0') + (Software.IsPowered ? '1' : '0') + (Software.IsBooted ? '1' : '0');

    private void WriteTruth()
    {
        _sinceTruth = 0;
        _truth?.WriteLine(new ModelTruthRecord(Math.Round(RigTime.TotalSeconds, 3), Options.SerialNumber, Supply.OutputOn, Supply.OutputVolts, Supply.LoadAmperes, Plant.Snapshot()));
    }

    private Func<double[], double> CompileFault(SignalFault fault, string when)
    {
        try
        {
            return SignalExpression.Compile(when, Plant.Slot);
        }
        catch (FormatException e)
        {
            throw new FaultSpecException($"signal={fault.Signal}@{when}", e.Message);
        }
    }

    private void ApplyScheduledFaults()
    {
        TimeSpan now = RigTime;
        for (int i = 0; i < Faults.Signals.Count; i++)
        {
            SignalFault fault = Faults.Signals[i];
            if (!_signalFaultApplied[i] && now >= fault.At && (_signalFaultWhen[i] is not { } when || when(Plant.Values) != 0))
            {
                _signalFaultApplied[i] = true;
                Plant.Force(fault.Signal, fault.Value ?? Plant[fault.Signal]);
                _log.Information("Injected fault: {Signal} held at {Value} from rig time {RigTime}", fault.Signal, Plant[fault.Signal], now);
            }
        }

        if (!_rebooted && Faults.RebootAt is { } rebootAt && now >= rebootAt)
        {
            _rebooted = true;
            _log.Information("Injected fault: onboard reboot at rig time {RigTime}", now);
            Software.Reboot();
        }

        if (!_supplyTripped && Faults.SupplyTripAt is { } tripAt && now >= tripAt)
        {
            _supplyTripped = true;
            Supply.Trip("injected fault");
        }

        if (!_disconnected && Faults.DisconnectAt is { } disconnectAt && now >= disconnectAt)
        {
            _disconnected = true;
            _log.Information("Injected fault: link disconnect at rig time {RigTime}", now);
            DisconnectDue?.Invoke();
        }
    }
}
