using System.Buffers.Binary;

namespace UsocHil.Protocols.Pus;

/// <summary>Reads and writes one value of a <see cref="WireType"/>; raw values travel as double (exact for every 32-bit integer).</summary>
public static class WireValue
{
    public static WireType Parse(string type) => type.ToLowerInvariant() switch
    {
        "uint8" => WireType.UInt8,
        "int8" => WireType.Int8,
        "uint16" => WireType.UInt16,
        "int16" => WireType.Int16,
        "uint32" => WireType.UInt32,
        "int32" => WireType.Int32,
        "float32" => WireType.Float32,
        "float64" => WireType.Float64,
        _ => throw new ArgumentException($"'{type}' is not a wire type (uint8, int8, uint16, int16, uint32, int32, float32, float64)", nameof(type)),
    };

    public static int Size(WireType type) => type switch
    {
        WireType.UInt8 or WireType.Int8 => 1,
        WireType.UInt16 or WireType.Int16 => 2,
        WireType.UInt32 or WireType.Int32 or WireType.Float32 => 4,
        _ => 8,
    };

    /// <summary>The raw values the type can carry: [min, max] (floats: the finite range).</summary>
    public static (double Min, double Max) Range(WireType type) => type switch
    {
        WireType.UInt8 => (byte.MinValue, byte.MaxValue),
        WireType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        WireType.UInt16 => (ushort.MinValue, ushort.MaxValue),
        WireType.Int16 => (short.MinValue, short.MaxValue),
        WireType.UInt32 => (uint.MinValue, uint.MaxValue),
        WireType.Int32 => (int.MinValue, int.MaxValue),
        WireType.Float32 => (float.MinValue, float.MaxValue),
        _ => (double.MinValue, double.MaxValue),
    };

    public static bool IsInteger(WireType type) => type is not (WireType.Float32 or WireType.Float64);

    /// <summary>Whether <paramref name="value"/> travels in <paramref name="type"/> unchanged (integers whole and in range).</summary>
    public static bool Fits(WireType type, double value)
    {
        if (double.IsNaN(value))
        {
            return !IsInteger(type);
        }

        (double min, double max) = Range(type);
        return IsInteger(type) ? value >= min && value <= max && Math.Floor(value) == value : type == WireType.Float64 || double.IsInfinity(value) || (value >= min && value <= max);
    }

    public static double Read(ReadOnlySpan<byte> source, WireType type) => type switch
    {
        WireType.UInt8 => source[0],
        WireType.Int8 => (sbyte)source[0],
        WireType.UInt16 => BinaryPrimitives.ReadUInt16BigEndian(source),
        WireType.Int16 => BinaryPrimitives.ReadInt16BigEndian(source),
        WireType.UInt32 => BinaryPrimitives.ReadUInt32BigEndian(source),
        WireType.Int32 => BinaryPrimitives.ReadInt32BigEndian(source),
        WireType.Float32 => BinaryPrimitives.ReadSingleBigEndian(source),
        _ => BinaryPrimitives.ReadDoubleBigEndian(source),
    };

    /// <summary>Writes a raw value; throws <see cref="ArgumentOutOfRangeException"/> when it does not fit the type.</summary>
    public static void Write(Span<byte> destination, WireType type, double value)
    {
        if (!Fits(type, value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"does not fit {type}");
        }

        switch (type)
        {
            case WireType.UInt8: destination[0] = (byte)value; break;
            case WireType.Int8: destination[0] = (byte)(sbyte)value; break;
            case WireType.UInt16: BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)value); break;
            case WireType.Int16: BinaryPrimitives.WriteInt16BigEndian(destination, (short)value); break;
            case WireType.UInt32: BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)value); break;
            case WireType.Int32: BinaryPrimitives.WriteInt32BigEndian(destination, (int)value); break;
            case WireType.Float32: BinaryPrimitives.WriteSingleBigEndian(destination, (float)value); break;
            default: BinaryPrimitives.WriteDoubleBigEndian(destination, value); break;
        }
    }
}
