using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Json;

namespace UsocHil.Dictionary;

/// <summary>A rig's dictionary as the words its packets' JSON is written in.</summary>
public sealed class DictionaryVocabulary(DictionaryCodec codec) : IPacketVocabulary
{
    public string? FailureCodeName(ushort code) => codec.FailureCodeName(code);

    public string? EventName(ushort eventId) => codec.FindEvent(eventId)?.Name;

    public IReadOnlyDictionary<string, PacketValue> Housekeeping(Telemetry report) => Values(codec.DecodeHousekeeping(report));

    public IReadOnlyDictionary<string, PacketValue> ParameterReport(Telemetry report) => Values(codec.DecodeParameterReport(report));

    public (string Command, IReadOnlyList<KeyValuePair<string, double>> Arguments) Command(Telecommand telecommand)
    {
        DecodedCommand command = codec.DecodeCommand(telecommand);
        return (command.Command.Name, [.. command.Arguments]);
    }

    private static Dictionary<string, PacketValue> Values(IReadOnlyDictionary<string, EngineeringValue> values)
    {
        var result = new Dictionary<string, PacketValue>(values.Count, StringComparer.Ordinal);
        foreach ((string name, EngineeringValue value) in values)
        {
            result[name] = new PacketValue(value.Raw, value.Value, value.Unit, value.Label);
        }

        return result;
    }
}
