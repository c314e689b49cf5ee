using UsocHil.Description;

namespace UsocHil.FirmwareSim.Furnace;

/// <summary>
/// The controller's settable parameters (service 20), keyed by dictionary ID. Volatile ones return to their firmware
/// defaults, or to what the EEPROM holds for them, when power drops; the others survive a power cycle.
/// </summary>
public sealed class FurnaceParameterStore
{
    private readonly Dictionary<int, ParameterDefinition> _byId;
    private readonly Dictionary<string, ParameterDefinition> _byName;
    private readonly Dictionary<int, double> _values = [];

    public FurnaceParameterStore(RigDictionary dictionary, FurnaceDefaults defaults, FurnaceEeprom? eeprom = null)
    {
        Eeprom = eeprom ?? new FurnaceEeprom(0);
        _byId = dictionary.Parameters.ToDictionary(p => p.Id);
        _byName = dictionary.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Defaults = defaults;
        foreach (ParameterDefinition parameter in dictionary.Parameters.Where(p => p.Settable))
        {
            _values[parameter.Id] = BootValue(parameter.Name);
        }
    }

    public FurnaceDefaults Defaults { get; }

    public FurnaceEeprom Eeprom { get; }

    public bool TryGetDefinition(int id, out ParameterDefinition definition) => _byId.TryGetValue(id, out definition!);

    public ParameterDefinition Definition(string name) =>
        _byName.TryGetValue(name, out ParameterDefinition? definition) ? definition
            : throw new KeyNotFoundException($"the furnace dictionary has no parameter {name}");

    public double this[string name] => _values[Definition(name).Id];

    public bool IsSettable(int id) => _values.ContainsKey(id);

    /// <summary>Checks a value against the parameter's type and range; returns the failure code or 0.</summary>
    public int Validate(int id, double value)
    {
        if (!_byId.TryGetValue(id, out ParameterDefinition? definition))
        {
            return FurnaceFailureCode.UnknownParameter;
        }

        if (!_values.ContainsKey(id))
        {
            return FurnaceFailureCode.ReadOnlyParameter;
        }

        bool outOfRange = definition.Range is [double low, double high] && (value < low || value > high);
        bool notWhole = !definition.Type.StartsWith("float", StringComparison.Ordinal) && value != Math.Round(value);
        return double.IsFinite(value) && !outOfRange && !notWhole ? 0 : FurnaceFailureCode.InvalidArgument;
    }

    /// <summary>Stores a validated value as the controller keeps it (float32 parameters lose precision here).</summary>
    public void Set(int id, double value) =>
        _values[id] = _byId[id].Type == "float32" ? (float)value : value;

    public void LosePower()
    {
        foreach (ParameterDefinition parameter in _byId.Values.Where(p => p.Settable && p.Volatile))
        {
            _values[parameter.Id] = BootValue(parameter.Name);
        }
    }

    /// <summary>Saves the current values of these parameters to the EEPROM.</summary>
    public void Store(IReadOnlyList<string> names) => Eeprom.Store(names.Select(n => KeyValuePair.Create(n, this[n])));

    private double BootValue(string name) => Eeprom.Stored.TryGetValue(name, out double stored) ? stored : Defaults.For(name);
}
