namespace UsocHil.Protocols.Pus.Services;

/// <summary>
/// TM[3,25], a housekeeping parameter report: the structure ID (1 octet), then the values of the structure's
/// parameters in the dictionary's order and types (the dictionary's <c>HousekeepingDecoder</c> reads them).
/// </summary>
public sealed record HousekeepingReport(byte StructureId, ReadOnlyMemory<byte> Values)
{
    public const byte Service = 3;
    public const byte Subtype = 25;

    public Telemetry ToTelemetry(ushort apid) =>
        ServiceCheck.Telemetry(apid, Service, Subtype, new AppDataWriter().UInt8(StructureId).Bytes(Values.Span).ToArray());

    public static HousekeepingReport From(Telemetry telemetry)
    {
        ServiceCheck.Expect(telemetry, Service, Subtype);
        var reader = new AppDataReader(telemetry.ApplicationData.Span);
        byte structure = reader.ReadUInt8("structure_id");
        return new HousekeepingReport(structure, telemetry.ApplicationData[1..]);
    }

    public bool Equals(HousekeepingReport? other) =>
        other is not null && StructureId == other.StructureId && Values.Span.SequenceEqual(other.Values.Span);

    public override int GetHashCode() => HashCode.Combine(StructureId, Values.Length);
}
