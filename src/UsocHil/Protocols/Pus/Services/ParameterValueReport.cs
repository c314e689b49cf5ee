
namespace UsocHil.Protocols.Pus.Services;

/// <summary>TM[20,2], parameter value report: N (1 octet), then N times (parameter ID, value in its dictionary type).</summary>
public sealed record ParameterValueReport(IReadOnlyList<ParameterValue> Values)
{
    public const byte Service = 20;
    public const byte Subtype = 2;

    public Telemetry ToTelemetry(ushort apid, Func<ushort, WireType?> typeOf) =>
        ServiceCheck.Telemetry(apid, Service, Subtype, ParameterValueList.Write(Values, typeOf));

    public static ParameterValueReport From(Telemetry telemetry, Func<ushort, WireType?> typeOf)
    {
        ServiceCheck.Expect(telemetry, Service, Subtype);
        return new ParameterValueReport(ParameterValueList.Read(telemetry.ApplicationData.Span, typeOf));
    }

    public bool Equals(ParameterValueReport? other) => other is not null && Values.SequenceEqual(other.Values);

    public override int GetHashCode() => Values.Count;
}
