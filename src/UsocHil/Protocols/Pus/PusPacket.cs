using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus;

/// <summary>What telecommands and telemetry packets share: the primary header's fields, the service and the data.</summary>
public abstract record PusPacket
{
    /// <summary>The PUS-C version number; PUS-A (1) is refused when decoding.</summary>
    public const byte PusVersionC = 2;

    public required ushort Apid { get; init; }
    public SequenceFlags SequenceFlags { get; init; } = SequenceFlags.Unsegmented;
    public ushort SequenceCount { get; init; }
    public required byte Service { get; init; }
    public required byte Subtype { get; init; }

    /// <summary>The application data field (source data for telemetry), without the error control.</summary>
    public ReadOnlyMemory<byte> ApplicationData { get; init; } = ReadOnlyMemory<byte>.Empty;

    public abstract PacketType Type { get; }

    /// <summary>Packet ID and sequence control as service 1 echoes them.</summary>
    public uint RequestId =>
        (uint)((int)Type << 28 | 1 << 27 | (Apid & SpacePacketHeader.MaxApid) << 16 | (int)SequenceFlags << 14 | (SequenceCount & 0x3FFF));

    public virtual bool Equals(PusPacket? other) =>
        other is not null
        && EqualityContract == other.EqualityContract
        && Apid == other.Apid
        && SequenceFlags == other.SequenceFlags
        && SequenceCount == other.SequenceCount
        && Service == other.Service
        && Subtype == other.Subtype
        && ApplicationData.Span.SequenceEqual(other.ApplicationData.Span);

    public override int GetHashCode() => HashCode.Combine(Apid, SequenceFlags, SequenceCount, Service, Subtype, ApplicationData.Length);

    protected virtual bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Apid = {Apid}, SequenceFlags = {SequenceFlags}, SequenceCount = {SequenceCount}, Service = {Service}, Subtype = {Subtype}, ApplicationData = {Convert.ToHexString(ApplicationData.Span)}");
        return true;
    }
}
