using System.Buffers.Binary;

namespace UsocHil.Protocols.Pus.Services;

/// <summary>Builds a service's application data; bounded by the largest data field a packet can carry.</summary>
public sealed class AppDataWriter
{
    private byte[] _bytes = new byte[32];

    public int Length { get; private set; }

    public AppDataWriter UInt8(byte value)
    {
        Grow(1)[0] = value;
        return this;
    }

    public AppDataWriter UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);
        return this;
    }

    public AppDataWriter UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        return this;
    }

    public AppDataWriter Value(WireType type, double value)
    {
        WireValue.Write(Grow(WireValue.Size(type)), type, value);
        return this;
    }

    public AppDataWriter Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Grow(value.Length));
        return this;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, Length).ToArray();

    private Span<byte> Grow(int count)
    {
        if (Length + count > 65536)
        {
            throw new InvalidOperationException("application data longer than a space packet can carry");
        }

        if (Length + count > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + count));
        }

        Span<byte> span = _bytes.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
