using UsocHil.Description;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>
/// The running dynamics model of one unit: every named signal (built-ins, constants, per-unit draws, onboard states,
/// settable parameters, the harness's output lines, the blocks, the telemetry parameters and the input lines) in one
/// array, stepped block by block in model.json's order. Faults can hold a signal at a value.
/// </summary>
public sealed class PlantModel
{
    /// <summary>
    /// Signals the emulator itself keeps: rig seconds, the step, power, boot, seconds since the last telecommand, bus
    /// volts, serial number, seconds since the software booted (0 until it has).
    /// </summary>
    public static readonly IReadOnlyList<string> BuiltIns = ["t", "dt", "POWERED", "BOOTED", "TC_AGE", "SUPPLY_V", "SERIAL", "UPTIME"];

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];
    private readonly List<PlantBlock> _blocks = [];
    private double?[] _forced = [];

    public PlantModel(PlantDefinition definition, RigDefinition rig, int seed)
    {
        Definition = definition;
        var random = new Random(UnitSeed(definition, seed));
        foreach (string name in BuiltIns)
        {
            Add(name, "built-in");
        }

        foreach ((string name, double value) in definition.Constants)
        {
            Values[Add(name, $"constants.{name}")] = value;
        }

        foreach (UnitDraw draw in definition.Units)
        {
            Values[Add(draw.Name, $"units.{draw.Name}")] = draw.Min is double lo && draw.Max is double hi
                ? lo + ((hi - lo) * random.NextDouble())
                : draw.Mean + (draw.Sigma * random.NextGaussian());
        }

        foreach (string name in definition.States.Keys)
        {
            Add(name, $"states.{name}");
        }

        foreach (ParameterDefinition parameter in rig.Dictionary.Parameters.Where(p => p.Settable))
        {
            Add(parameter.Name, $"dictionary parameter {parameter.Name}");
        }

        foreach (GpioLineDefinition line in rig.Gpio.Where(g => g.Direction == "output"))
        {
            Add(line.Name, $"gpio {line.Name}");
        }

        foreach (BlockDefinition block in definition.Blocks)
        {
            Add(block.Name, $"blocks.{block.Name}");
        }

        foreach (string name in definition.Parameters.Keys.Concat(definition.Lines.Keys))
        {
            Add(name, $"{name}");
        }

        Values[Slot("SERIAL")] = seed;
        Values[Slot("dt")] = definition.StepSeconds;
        for (int i = 0; i < definition.Blocks.Count; i++)
        {
            _blocks.Add(PlantBlocks.Create(definition.Blocks[i], Slot(definition.Blocks[i].Name), $"blocks[{i}]", this, random));
        }

        foreach ((string name, string formula) in definition.Parameters.Concat(definition.Lines))
        {
            _blocks.Add(new FormulaBlock(Slot(name), Compile(formula, name)));
        }

        _forced = new double?[_names.Count];
        foreach (PlantBlock block in _blocks)
        {
            block.Reset(Values);
        }
    }

    public PlantDefinition Definition { get; }

    /// <summary>The seed of the unit's draws: model.json's <c>unitSeed</c> formula of SERIAL, or a mix of the serial number.</summary>
    /// <exception cref="PlantDefinitionException">The formula names another signal or does not parse.</exception>
    public static int UnitSeed(PlantDefinition definition, int serialNumber)
    {
        if (definition.UnitSeed is not string formula)
        {
            return unchecked((serialNumber * 7919) + 17);
        }

        try
        {
            double seed = SignalExpression.Compile(formula, name => name == "SERIAL" ? 0 : throw new KeyNotFoundException(name))([serialNumber]);
            return double.IsFinite(seed) ? unchecked((int)(long)seed) : throw new PlantDefinitionException("unitSeed", $"'{formula}' gives {seed} for serial {serialNumber}");
        }
        catch (FormatException e)
        {
            throw new PlantDefinitionException("unitSeed", $"{e.Message} (only SERIAL can be named here)");
        }
    }

    public double[] Values { get; private set; } = new double[64];

    public IReadOnlyList<string> Names => _names;

    public double this[string name]
    {
        get => Values[Slot(name)];
        set => Values[Slot(name)] = value;
    }

    public bool Has(string name) => _slots.ContainsKey(name);

    /// <exception cref="KeyNotFoundException">No signal of that name.</exception>
    public int Slot(string name) => _slots.TryGetValue(name, out int slot) ? slot : throw new KeyNotFoundException(name);

    /// <exception cref="PlantDefinitionException">The formula does not compile.</exception>
    public Func<double[], double> Compile(string formula, string where)
    {
        try
        {
            return SignalExpression.Compile(formula, Slot);
        }
        catch (FormatException e)
        {
            throw new PlantDefinitionException(where, e.Message);
        }
    }

    /// <summary>Holds a signal at a value from now on (a stuck sensor, an injected imbalance); null releases it.</summary>
    public void Force(string name, double? value)
    {
        int slot = Slot(name);
        _forced[slot] = value;
        if (value is double v)
        {
            Values[slot] = v;
        }
    }

    public void Step()
    {
        double dt = Definition.StepSeconds;
        Values[0] += dt;
        foreach (PlantBlock block in _blocks)
        {
            block.Step(Values, dt);
            if (_forced[block.Slot] is double held)
            {
                Values[block.Slot] = held;
            }
        }
    }

    /// <summary>The signals by name, for the truth file.</summary>
    public SortedDictionary<string, double> Snapshot()
    {
        var snapshot = new SortedDictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < _names.Count; i++)
        {
            snapshot[_names[i]] = Math.Round(Values[i], 6);
        }

        return snapshot;
    }

    private int Add(string name, string where)
    {
        if (!_slots.TryAdd(name, _names.Count))
        {
            throw new PlantDefinitionException(where, $"signal '{name}' is defined twice");
        }

        _names.Add(name);
        if (Values.Length < _names.Count)
        {
            double[] grown = new double[Values.Length * 2];
            Values.CopyTo(grown, 0);
            Values = grown;
        }

        return _names.Count - 1;
    }
}
