namespace UsocHil.Protocols.Pus.Json;

/// <summary>
/// A payload's own words for what its packets carry (commands, parameters with engineering values, events, failure
/// codes), so a packet's JSON can name them; PUS itself knows only numbers. A rig's dictionary provides them.
/// </summary>
public interface IPacketVocabulary
{
    string? FailureCodeName(ushort code);

    string? EventName(ushort eventId);

    /// <summary>The engineering values of a housekeeping report, by parameter name.</summary>
    IReadOnlyDictionary<string, PacketValue> Housekeeping(Telemetry report);

    /// <summary>The engineering values of a parameter value report (TM[20,2]), by parameter name.</summary>
    IReadOnlyDictionary<string, PacketValue> ParameterReport(Telemetry report);

    /// <summary>The dictionary command a telecommand is, and its arguments in engineering units.</summary>
    (string Command, IReadOnlyList<KeyValuePair<string, double>> Arguments) Command(Telecommand telecommand);
}

/// <summary>A parameter's raw and engineering value as a packet carries it.</summary>
public sealed record PacketValue(double Raw, double Value, string? Unit, string? Label);
