using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus.Services;

/// <summary>TC[20,3], set parameter values: N (1 octet), then N times (parameter ID, value in its dictionary type).</summary>
public sealed record SetParameterValuesRequest(IReadOnlyList<ParameterValue> Values)
{
    public const byte Service = 20;
    public const byte Subtype = 3;

    public Telecommand ToTelecommand(ushort apid, Func<ushort, WireType?> typeOf, AckFlags ack = AckFlags.Acceptance | AckFlags.Completion) =>
        ServiceCheck.Telecommand(apid, Service, Subtype, ParameterValueList.Write(Values, typeOf), ack);

    /// <summary>Decodes the request; an ID the dictionary lacks throws <see cref="PacketDecodeException"/> with field <c>app_data.parameter_id</c>.</summary>
    public static SetParameterValuesRequest From(Telecommand telecommand, Func<ushort, WireType?> typeOf)
    {
        ServiceCheck.Expect(telecommand, Service, Subtype);
        return new SetParameterValuesRequest(ParameterValueList.Read(telecommand.ApplicationData.Span, typeOf));
    }

    public bool Equals(SetParameterValuesRequest? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Count;
}
