using UsocHil.Description;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.FirmwareSim.Onboard;

/// <summary>Parameters (service 20) and housekeeping structures (service 3) of the onboard software.</summary>
public sealed partial class OnboardSoftware
{
    /// <summary>A parameter's engineering value now (0 for one the model gives no value).</summary>
    public double Read(ParameterDefinition parameter) => _plant.Has(parameter.Name) ? _plant[parameter.Name] : 0;

    public bool TryGetParameter(int id, out ParameterDefinition parameter)
    {
        parameter = _rig.Dictionary.Parameters.FirstOrDefault(p => p.Id == id)!;
        return parameter is not null;
    }

    /// <summary>Acceptance check of one service 20 value: known, settable, within the dictionary's range.</summary>
    public CommandOutcome ValidateSet(int id, double value)
    {
        if (!TryGetParameter(id, out ParameterDefinition parameter))
        {
            return Fail(FailureCodes.UnknownParameter, id);
        }

        if (!parameter.Settable)
        {
            return Fail(FailureCodes.ReadOnlyParameter, id);
        }

        return double.IsNaN(value) || (parameter.Range is [double low, double high] && (value < low || value > high))
            ? Fail(FailureCodes.InvalidArgument, id)
            : CommandOutcome.Success;
    }

    /// <summary>Sets validated values; non-volatile ones are written through to the EEPROM image at once.</summary>
    public void Set(IReadOnlyList<(int Id, double Value)> values)
    {
        var kept = new List<KeyValuePair<string, double>>();
        foreach ((int id, double value) in values)
        {
            TryGetParameter(id, out ParameterDefinition parameter);
            _plant[parameter.Name] = value;
            if (!parameter.Volatile)
            {
                kept.Add(new(parameter.Name, value));
            }
        }

        if (kept.Count > 0)
        {
            _eeprom.Store(kept);
        }
    }

    public bool HasStructure(int structureId) => _housekeeping.Any(s => s.Definition.StructureId == structureId);

    public void EnableHousekeeping(int structureId, bool enabled)
    {
        Structure structure = _housekeeping.First(s => s.Definition.StructureId == structureId);
        structure.Enabled = enabled;
        structure.Due = 0;
    }

    public void SetHousekeepingInterval(int structureId, uint intervalMs) =>
        _housekeeping.First(s => s.Definition.StructureId == structureId).IntervalMs = (int)intervalMs;

    /// <summary>One report of a structure now, whether it is enabled or not.</summary>
    public void OneShot(int structureId, TimeSpan rigTime) => SendHousekeeping(_housekeeping.First(s => s.Definition.StructureId == structureId), rigTime);

    internal int Failure(string name, int fallback) =>
        _rig.Dictionary.FailureCodes.FirstOrDefault(f => f.Name == name)?.Code ?? fallback;

    internal CommandOutcome Fail((string Name, int Code) failure, long data = 0) => CommandOutcome.Failure(Failure(failure.Name, failure.Code), data);

    private void SendHousekeeping(Structure structure, TimeSpan rigTime)
    {
        ParameterReading[] readings = [.. structure.Definition.Parameters.Select(name => new ParameterReading(_parameters[name], Read(_parameters[name])))];
        _sink.Housekeeping(new HousekeepingSample(rigTime, structure.Definition, readings));
    }

    private sealed class Structure(HousekeepingStructureDefinition definition)
    {
        public HousekeepingStructureDefinition Definition { get; } = definition;
        public bool Enabled { get; set; } = true;
        public int IntervalMs { get; set; } = definition.IntervalMs;
        public double Due { get; set; }
    }
}
