using System.Buffers.Binary;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus.Services;

/// <summary>
/// Reads a service's application data front to back; running short throws <see cref="PacketDecodeException"/> with
/// the field and its offset from the start of the application data (fields are named <c>app_data.…</c>).
/// </summary>
public ref struct AppDataReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Offset { get; private set; }

    public readonly int Remaining => _data.Length - Offset;

    public byte ReadUInt8(string field) => Take(field, 1)[0];

    public ushort ReadUInt16(string field) => BinaryPrimitives.ReadUInt16BigEndian(Take(field, 2));

    public uint ReadUInt32(string field) => BinaryPrimitives.ReadUInt32BigEndian(Take(field, 4));

    public double ReadValue(string field, WireType type) => WireValue.Read(Take(field, WireValue.Size(type)), type);

    public byte[] ReadRest() => Take("app_data", Remaining).ToArray();

    public readonly void ExpectEnd(string what)
    {
        if (Remaining != 0)
        {
            throw new PacketDecodeException("app_data", Offset, $"{Remaining} octets after the end of {what}");
        }
    }

    public readonly PacketDecodeException Error(string field, string message) => new("app_data." + field, Offset, message);

    private ReadOnlySpan<byte> Take(string field, int count)
    {
        if (Remaining < count)
        {
            throw new PacketDecodeException("app_data." + field, Offset, $"needs {count} octets, {Remaining} left");
        }

        ReadOnlySpan<byte> slice = _data.Slice(Offset, count);
        Offset += count;
        return slice;
    }
}
