using UsocHil.Description;
using UsocHil.Protocols.Pus;

namespace UsocHil.FirmwareSim.Furnace.Pus;

/// <summary>
/// Engineering values to and from what travels in ST[3] and ST[20]: the dictionary's wire type and its linear
/// raw → engineering curve (TC_RAW counts are millikelvin, HEATER_POWER counts are tenths of a watt).
/// </summary>
public sealed class ParameterWire
{
    private readonly Dictionary<int, ParameterDefinition> _byId;

    public ParameterWire(RigDictionary dictionary)
    {
        _byId = dictionary.Parameters.ToDictionary(p => p.Id);
        TypeOf = id => _byId.TryGetValue(id, out ParameterDefinition? p) ? WireValue.Parse(p.Type) : null;
    }

    /// <summary>What the service 20 messages need: the wire type of an ID, null when unknown.</summary>
    public Func<ushort, WireType?> TypeOf { get; }

    public static WireType Type(ParameterDefinition parameter) => WireValue.Parse(parameter.Type);

    /// <summary>The raw value to send: the curve inverted, rounded and clamped into the wire type.</summary>
    public static double ToRaw(ParameterDefinition parameter, double engineering)
    {
        WireType type = Type(parameter);
        double raw = engineering;
        if (parameter.Calibration is [double offset, double slope, ..] && slope != 0)
        {
            raw = (engineering - offset) / slope;
        }

        if (!WireValue.IsInteger(type))
        {
            return raw;
        }

        (double min, double max) = WireValue.Range(type);
        return double.IsNaN(raw) ? 0 : Math.Clamp(Math.Round(raw), min, max);
    }

    public static double ToEngineering(ParameterDefinition parameter, double raw) => parameter.Calibration switch
    {
        [double offset, double slope, ..] => offset + (slope * raw),
        _ => raw,
    };

    public bool TryGet(int id, out ParameterDefinition parameter) => _byId.TryGetValue(id, out parameter!);
}
