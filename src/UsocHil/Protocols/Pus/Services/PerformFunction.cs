namespace UsocHil.Protocols.Pus.Services;

/// <summary>TC[8,1], perform a function: the function ID (2 octets), then its arguments as the dictionary types them.</summary>
public sealed record PerformFunction(ushort FunctionId)
{
    public const byte Service = 8;
    public const byte Subtype = 1;

    public ReadOnlyMemory<byte> Arguments { get; init; } = ReadOnlyMemory<byte>.Empty;

    public Telecommand ToTelecommand(ushort apid, AckFlags ack = AckFlags.Acceptance | AckFlags.Completion) =>
        ServiceCheck.Telecommand(apid, Service, Subtype, new AppDataWriter().UInt16(FunctionId).Bytes(Arguments.Span).ToArray(), ack);

    public static PerformFunction From(Telecommand telecommand)
    {
        ServiceCheck.Expect(telecommand, Service, Subtype);
        var reader = new AppDataReader(telecommand.ApplicationData.Span);
        return new PerformFunction(reader.ReadUInt16("function_id")) { Arguments = reader.ReadRest() };
    }

    public bool Equals(PerformFunction? other) =>
        other is not null && FunctionId == other.FunctionId && Arguments.Span.SequenceEqual(other.Arguments.Span);

    public override int GetHashCode() => FunctionId;
}
