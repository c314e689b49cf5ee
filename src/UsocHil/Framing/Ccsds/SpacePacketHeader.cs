using System.Buffers;
using System.Buffers.Binary;

namespace UsocHil.Framing.Ccsds;

/// <summary>
/// The 6-octet CCSDS space packet primary header (CCSDS 133.0-B-2): version (3 bits), type (1), secondary header
/// flag (1), APID (11), sequence flags (2), sequence count (14), data length (16, octets in the data field minus 1).
/// </summary>
public readonly record struct SpacePacketHeader(
    PacketType Type,
    bool SecondaryHeader,
    ushort Apid,
    SequenceFlags SequenceFlags,
    ushort SequenceCount,
    ushort DataLength,
    byte Version = 0)
{
    public const int Size = 6;
    public const int MaxApid = 0x7FF;
    public const int SequenceCountModulo = 16384;

    /// <summary>The largest packet the standard allows: 6 header octets plus 65536 data octets.</summary>
    public const int MaxPacketLength = Size + 65536;

    /// <summary>Octets of the whole packet this header announces.</summary>
    public int PacketLength => DataLength + Size + 1;

    /// <summary>Packet ID and sequence control, the first 4 octets: what service 1 echoes as the request ID.</summary>
    public uint RequestId => (uint)(PacketIdentification << 16 | SequenceControl);

    public ushort PacketIdentification =>
        (ushort)((Version & 0x7) << 13 | (int)Type << 12 | (SecondaryHeader ? 1 : 0) << 11 | (Apid & MaxApid));

    public ushort SequenceControl => (ushort)((int)SequenceFlags << 14 | (SequenceCount & 0x3FFF));

    /// <summary>Decodes the first 6 octets; allocates nothing.</summary>
    public static SpacePacketHeader Read(ReadOnlySpan<byte> source)
    {
        if (source.Length < Size)
        {
            throw new PacketDecodeException("primary_header", source.Length, $"{source.Length} octets given, a primary header needs {Size}");
        }

        ushort id = BinaryPrimitives.ReadUInt16BigEndian(source);
        ushort control = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(source[4..]);
        return new SpacePacketHeader(
            (PacketType)(id >> 12 & 1),
            (id & 0x0800) != 0,
            (ushort)(id & MaxApid),
            (SequenceFlags)(control >> 14),
            (ushort)(control & 0x3FFF),
            length,
            (byte)(id >> 13));
    }

    /// <summary>Decodes the first 6 octets of a possibly segmented buffer (as a pipe reader hands them out).</summary>
    public static SpacePacketHeader Read(in ReadOnlySequence<byte> source)
    {
        if (source.FirstSpan.Length >= Size)
        {
            return Read(source.FirstSpan);
        }

        Span<byte> header = stackalloc byte[Size];
        if (source.Length < Size)
        {
            throw new PacketDecodeException("primary_header", (int)source.Length, $"{source.Length} octets given, a primary header needs {Size}");
        }

        source.Slice(0, Size).CopyTo(header);
        return Read(header);
    }

    /// <summary>Writes the 6 octets; checks that every field fits its bits.</summary>
    public void WriteTo(Span<byte> destination)
    {
        if (Version > 7)
        {
            throw new InvalidOperationException($"version {Version} does not fit the 3 bits of the packet version number");
        }

        if (Apid > MaxApid)
        {
            throw new InvalidOperationException($"APID {Apid} does not fit in 11 bits");
        }

        if (SequenceCount >= SequenceCountModulo)
        {
            throw new InvalidOperationException($"sequence count {SequenceCount} does not fit in 14 bits");
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, PacketIdentification);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceControl);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], DataLength);
    }
}
