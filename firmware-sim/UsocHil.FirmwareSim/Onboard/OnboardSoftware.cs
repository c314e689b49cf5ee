using UsocHil.Description;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Plant;

namespace UsocHil.FirmwareSim.Onboard;

/// <summary>
/// The payload's onboard software as the dictionary and model.json describe it: boots while powered (answering
/// NOT_READY until done), loads settable parameters from its EEPROM or defaults at every boot (volatile values are
/// lost on a reboot), sends housekeeping at each structure's interval and events on their triggers, executes service 8
/// functions and service 20 sets. Runs under the bench's lock, one plant step at a time.
/// </summary>
public sealed partial class OnboardSoftware
{
    private readonly RigDefinition _rig;
    private readonly PlantModel _plant;
    private readonly IFurnaceTelemetrySink _sink;
    private readonly FurnaceEeprom _eeprom;
    private readonly Dictionary<string, ParameterDefinition> _parameters;
    private readonly Dictionary<string, EventDefinition> _events;
    private readonly List<Trigger> _triggers = [];
    private readonly List<Structure> _housekeeping;
    private readonly Func<double[], double>? _bootValue;
    private double _bootRemaining;

    public OnboardSoftware(RigDefinition rig, PlantModel plant, IFurnaceTelemetrySink sink, FurnaceEeprom eeprom)
    {
        _rig = rig;
        _plant = plant;
        _sink = sink;
        _eeprom = eeprom;
        _parameters = rig.Dictionary.Parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _events = rig.Dictionary.Events.ToDictionary(e => e.Name, StringComparer.Ordinal);
        _housekeeping = [.. rig.Dictionary.Housekeeping.Select(s => new Structure(s))];
        PlantDefinition model = plant.Definition;
        for (int i = 0; i < model.Events.Count; i++)
        {
            TriggerDefinition t = model.Events[i];
            EventDefinition definition = _events.GetValueOrDefault(t.Event)
                ?? throw new PlantDefinitionException($"events[{i}].event", $"'{t.Event}' is not an event of the rig's dictionary");
            _triggers.Add(new Trigger(definition, plant.Compile(t.When, $"events[{i}].when"), Assignments(t.Set, $"events[{i}].set"), t.Value is string v ? plant.Compile(v, $"events[{i}].value") : null));
        }

        if (model.Boot.Event is string boot && !_events.ContainsKey(boot))
        {
            throw new PlantDefinitionException("boot.event", $"'{boot}' is not an event of the rig's dictionary");
        }

        _bootValue = model.Boot.Value is string value ? plant.Compile(value, "boot.value") : null;
        Functions = new FunctionTable(rig, plant, this);
        foreach (string name in model.Parameters.Keys.Where(n => !_parameters.ContainsKey(n)))
        {
            throw new PlantDefinitionException($"parameters.{name}", "not a parameter of the rig's dictionary");
        }

        foreach (string name in model.Defaults.Keys.Where(n => !plant.Has(n) || !(_parameters.GetValueOrDefault(n)?.Settable ?? false)))
        {
            throw new PlantDefinitionException($"defaults.{name}", "not a settable parameter of the rig's dictionary");
        }

        PowerDown();
    }

    public bool IsPowered => _plant["POWERED"] != 0;

    public bool IsBooted => _plant["BOOTED"] != 0;

    internal FunctionTable Functions { get; }

    internal FurnaceEeprom Eeprom => _eeprom;

    internal IFurnaceTelemetrySink Sink => _sink;

    /// <summary>One step of the software, after the plant's: power and boot, housekeeping, event triggers.</summary>
    public void Step(bool powered, TimeSpan rigTime)
    {
        double dt = _plant.Definition.StepSeconds;
        _plant["TC_AGE"] += dt;
        if (!powered)
        {
            if (IsPowered)
            {
                PowerDown();
            }

            return;
        }

        if (!IsPowered)
        {
            _plant["POWERED"] = 1;
            _bootRemaining = _plant.Definition.Boot.Seconds;
        }

        if (!IsBooted)
        {
            _bootRemaining -= dt;
            if (_bootRemaining <= 1e-9)
            {
                Boot(rigTime);
            }

            return;
        }

        _plant["UPTIME"] += dt;
        foreach (Structure structure in _housekeeping.Where(s => s.Enabled))
        {
            structure.Due += dt;
            if (structure.Due + 1e-9 >= structure.IntervalMs / 1000.0)
            {
                structure.Due = 0;
                SendHousekeeping(structure, rigTime);
            }
        }

        foreach (Trigger trigger in _triggers)
        {
            bool now = trigger.When(_plant.Values) != 0;
            if (now && !trigger.Raised)
            {
                double? value = trigger.Value?.Invoke(_plant.Values);
                Apply(trigger.Set);
                _sink.Event(new FurnaceEvent(rigTime, trigger.Definition, value));
            }

            trigger.Raised = now;
        }
    }

    /// <summary>The software restarts (watchdog, injected reboot): volatile settings are lost, it boots again.</summary>
    public void Reboot()
    {
        PowerDown();
        _plant["POWERED"] = 1;
        _bootRemaining = _plant.Definition.Boot.Seconds;
    }

    /// <summary>A telecommand arrived (for the watchdog's TC_AGE).</summary>
    public void Heard() => _plant["TC_AGE"] = 0;

    internal void Apply(IReadOnlyList<(int Slot, Func<double[], double> Value)> assignments)
    {
        double[] results = [.. assignments.Select(a => a.Value(_plant.Values))];
        for (int i = 0; i < results.Length; i++)
        {
            _plant.Values[assignments[i].Slot] = results[i];
        }
    }

    internal List<(int Slot, Func<double[], double> Value)> Assignments(IReadOnlyDictionary<string, string> set, string where) =>
        [.. set.Select(kv => _plant.Definition.States.ContainsKey(kv.Key) || (_parameters.GetValueOrDefault(kv.Key)?.Settable ?? false)
            ? (_plant.Slot(kv.Key), _plant.Compile(kv.Value, $"{where}.{kv.Key}"))
            : throw new PlantDefinitionException($"{where}.{kv.Key}", "only states and settable parameters can be set"))];

    private void Boot(TimeSpan rigTime)
    {
        _plant["BOOTED"] = 1;
        _plant["UPTIME"] = 0;
        ResetStates();
        foreach (ParameterDefinition parameter in _rig.Dictionary.Parameters.Where(p => p.Settable))
        {
            _plant[parameter.Name] = _eeprom.Stored.TryGetValue(parameter.Name, out double stored) ? stored : _plant.Definition.Defaults.GetValueOrDefault(parameter.Name);
        }

        foreach (Structure structure in _housekeeping)
        {
            structure.Enabled = true;
            structure.IntervalMs = structure.Definition.IntervalMs;
            structure.Due = 0;
        }

        foreach (Trigger trigger in _triggers)
        {
            trigger.Raised = trigger.When(_plant.Values) != 0;
        }

        if (_plant.Definition.Boot.Event is string boot)
        {
            _sink.Event(new FurnaceEvent(rigTime, _events[boot], _bootValue?.Invoke(_plant.Values)));
        }
    }

    private void PowerDown()
    {
        _plant["POWERED"] = 0;
        _plant["BOOTED"] = 0;
        _plant["UPTIME"] = 0;
        ResetStates();
        foreach (ParameterDefinition parameter in _rig.Dictionary.Parameters.Where(p => p.Settable))
        {
            _plant[parameter.Name] = 0;
        }
    }

    private void ResetStates()
    {
        foreach ((string name, double value) in _plant.Definition.States)
        {
            _plant[name] = value;
        }
    }

    private sealed class Trigger(EventDefinition definition, Func<double[], double> when, List<(int, Func<double[], double>)> set, Func<double[], double>? value)
    {
        public Func<double[], double>? Value { get; } = value;

        public EventDefinition Definition { get; } = definition;
        public Func<double[], double> When { get; } = when;
        public List<(int Slot, Func<double[], double> Value)> Set { get; } = set;
        public bool Raised { get; set; }
    }
}
