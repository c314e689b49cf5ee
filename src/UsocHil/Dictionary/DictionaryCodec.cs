using System.Globalization;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>
/// The rig dictionary at run time: named commands become telecommands (refused before anything is sent when a name or
/// value is wrong), housekeeping and service 20 reports become named engineering values, and the payload's side reads
/// telecommands back by name.
/// </summary>
public sealed partial class DictionaryCodec
{
    private readonly Dictionary<string, ParameterDefinition> _parametersByName;
    private readonly Dictionary<int, ParameterDefinition> _parametersById;
    private readonly Dictionary<int, WireType> _typesById;
    private readonly Dictionary<string, CommandDefinition> _commandsByName;
    private readonly Dictionary<int, HousekeepingDecoder> _housekeeping;
    private PacketLayouts? _packets;

    public DictionaryCodec(RigDictionary dictionary, ushort apid, PusCodec? codec = null)
    {
        Dictionary = dictionary;
        Apid = apid;
        Codec = codec ?? PusCodec.UsocHilDefault;
        _parametersByName = dictionary.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        _parametersById = dictionary.Parameters.ToDictionary(p => p.Id);
        _typesById = dictionary.Parameters
            .Where(p => FieldType.TryParse(p.Type, out FieldType t) && t.WireType is not null)
            .ToDictionary(p => p.Id, p => FieldType.Parse(p.Type).WireType!.Value);
        _commandsByName = dictionary.Commands.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _housekeeping = dictionary.Housekeeping.ToDictionary(
            s => s.StructureId,
            s => new HousekeepingDecoder(Codec, s, [.. s.Parameters.Select(name => _parametersByName.TryGetValue(name, out var p)
                ? p
                : throw new ArgumentException($"housekeeping structure {s.Name} names unknown parameter {name}", nameof(dictionary)))]));
        ParameterTypes = id => _typesById.TryGetValue(id, out WireType type) ? type : null;
    }

    public RigDictionary Dictionary { get; }

    /// <summary>The dictionary's packet layouts, compiled once.</summary>
    public PacketLayouts Packets => _packets ??= new PacketLayouts(Dictionary);
    public ushort Apid { get; }
    public PusCodec Codec { get; }

    /// <summary>The wire type of a parameter ID, null when unknown: what the ST[20] messages need.</summary>
    public Func<ushort, WireType?> ParameterTypes { get; }

    public bool TryGetParameter(string name, out ParameterDefinition parameter) => _parametersByName.TryGetValue(name, out parameter!);

    public ParameterDefinition GetParameter(string name) =>
        _parametersByName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"parameter {name} is not in the dictionary");

    public ParameterDefinition? FindParameter(int id) => _parametersById.GetValueOrDefault(id);

    public bool TryGetCommand(string name, out CommandDefinition command) => _commandsByName.TryGetValue(name, out command!);

    public string? FailureCodeName(int code) => Dictionary.FailureCodes.FirstOrDefault(f => f.Code == code)?.Name;

    public EventDefinition? FindEvent(int id) => Dictionary.Events.FirstOrDefault(e => e.Id == id);

    public HousekeepingDecoder GetHousekeepingDecoder(int structureId) =>
        _housekeeping.TryGetValue(structureId, out var decoder) ? decoder : throw new KeyNotFoundException($"housekeeping structure {structureId} is not in the dictionary");

    /// <summary>Applies a parameter's curve and enumeration to a raw value.</summary>
    public EngineeringValue ToEngineering(ParameterDefinition parameter, double raw)
    {
        string? label = null;
        parameter.Enum?.TryGetValue(raw.ToString(CultureInfo.InvariantCulture), out label);
        return new EngineeringValue(parameter.Name, raw, Calibration.Apply(parameter, raw), parameter.Unit, label);
    }

    /// <summary>A TM[3,25] as named engineering values, in the structure's order.</summary>
    public IReadOnlyDictionary<string, EngineeringValue> DecodeHousekeeping(Telemetry telemetry)
    {
        HousekeepingReport report = HousekeepingReport.From(telemetry);
        if (!_housekeeping.TryGetValue(report.StructureId, out HousekeepingDecoder? decoder))
        {
            throw new PacketDecodeException("app_data.structure_id", 0, $"housekeeping structure {report.StructureId} is not in the dictionary");
        }

        var raw = new double[decoder.Parameters.Count];
        decoder.ReadSourceData(telemetry.ApplicationData.Span, raw, calibrate: false, start: 0);
        var values = new Dictionary<string, EngineeringValue>(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            values[decoder.Parameters[i].Name] = ToEngineering(decoder.Parameters[i], raw[i]);
        }

        return values;
    }

    /// <summary>A TM[20,2] as named engineering values.</summary>
    public IReadOnlyDictionary<string, EngineeringValue> DecodeParameterReport(Telemetry telemetry)
    {
        ParameterValueReport report = ParameterValueReport.From(telemetry, ParameterTypes);
        return report.Values.ToDictionary(v => _parametersById[v.Id].Name, v => ToEngineering(_parametersById[v.Id], v.Value));
    }
}
