using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Dictionary;

/// <summary>
/// Reads one big-endian field at any bit offset. Whole-octet fields on an octet boundary take the CPU's own loads;
/// the rest gather at most nine octets into a 64-bit window.
/// </summary>
public static class BitField
{
    /// <summary>The raw value (integers as numbers, booleans 0 or 1, floats as IEEE values; NaN for text and octets) of a field of a packet.</summary>
    public static double Read(ReadOnlySpan<byte> packet, long bitOffset, FieldType type, string field)
    {
        if (type.IsBlock)
        {
            // Text and octets have no number; ReadBlock has them.
            return bitOffset + type.Bits > (long)packet.Length * 8
                ? throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} at bit {bitOffset} runs past the packet's {packet.Length} octets")
                : double.NaN;
        }

        if (bitOffset + type.Bits > (long)packet.Length * 8)
        {
            throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} at bit {bitOffset} runs past the packet's {packet.Length} octets");
        }

        if (type.Kind == FieldKind.DaySegmented)
        {
            return DaySegmented(packet, bitOffset, type);
        }

        ulong bits = (bitOffset & 7) == 0 && type.IsWholeOctets
            ? Aligned(packet[(int)(bitOffset >> 3)..], type.Bits)
            : Gather(packet, bitOffset, type.Bits);
        return type.Kind switch
        {
            FieldKind.Unsigned => bits,
            FieldKind.Signed => type.Bits == 64 ? (long)bits : (long)(bits << (64 - type.Bits)) >> (64 - type.Bits),
            FieldKind.Boolean => bits == 0 ? 0 : 1,
            _ => type.Bits == 32 ? BitConverter.UInt32BitsToSingle((uint)bits) : BitConverter.UInt64BitsToDouble(bits),
        };
    }

    /// <summary>
    /// A string field's text (UTF-8, up to its first NUL, invalid sequences replaced) or an octet field's octets as
    /// lowercase hexadecimal.
    /// </summary>
    public static string ReadBlock(ReadOnlySpan<byte> packet, long bitOffset, FieldType type, string field) =>
        ReadBlock(packet, bitOffset, type, type.Bits / 8, field);

    /// <summary>A string's text or an octet block's hexadecimal, <paramref name="length"/> octets from <paramref name="bitOffset"/>.</summary>
    public static string ReadBlock(ReadOnlySpan<byte> packet, long bitOffset, FieldType type, int length, string field)
    {
        if (bitOffset + (length * 8L) > (long)packet.Length * 8)
        {
            throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} of {length} octets at bit {bitOffset} runs past the packet's {packet.Length} octets");
        }

        int first = (int)(bitOffset >> 3);
        int skip = (int)(bitOffset & 7);
        byte[] octets = new byte[length];
        for (int i = 0; i < length; i++)
        {
            octets[i] = skip == 0 ? packet[first + i] : (byte)((packet[first + i] << skip) | (packet[first + i + 1] >> (8 - skip)));
        }

        if (type.Kind == FieldKind.Octets)
        {
            return Convert.ToHexStringLower(octets);
        }

        int end = Array.IndexOf(octets, (byte)0);
        return System.Text.Encoding.UTF8.GetString(octets, 0, end < 0 ? length : end);
    }

    /// <summary>
    /// Where a variable string or octet block is in this packet: the bit its content starts at, its octets, and the bits
    /// it takes in all (count and terminator included). <paramref name="counted"/> is the raw value of the field that
    /// counts its octets, when <see cref="Description.FieldSizeDefinition.Parameter"/> says one does.
    /// </summary>
    public static (long ContentBit, int Octets, long TotalBits) Measure(ReadOnlySpan<byte> packet, long bitOffset, FieldType type, Description.FieldSizeDefinition size, double counted, string field)
    {
        long available = ((long)packet.Length * 8) - bitOffset;
        (long content, long octets, long total) = size switch
        {
            { Prefix: int prefix } => Counted(packet, bitOffset, prefix, field),
            { Terminator: int terminator } => Terminated(packet, bitOffset, (byte)terminator, field),
            _ => double.IsFinite(counted) && counted >= 0 && Math.Floor(counted) == counted && counted <= FieldType.MaxOctets
                ? (bitOffset, (long)counted, (long)counted * 8)
                : throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{size.Parameter} = {counted} is not a count of octets"),
        };
        if (size.Max is int max && total > max * 8L)
        {
            throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} of {total / 8} octets is longer than its maximum of {max}");
        }

        return total > available
            ? throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} of {octets} octets at bit {bitOffset} runs past the packet's {packet.Length} octets")
            : (content, (int)octets, total);
    }

    private static (long, long, long) Counted(ReadOnlySpan<byte> packet, long bitOffset, int prefix, string field)
    {
        long octets = (long)Read(packet, bitOffset, new FieldType(FieldKind.Unsigned, prefix), field);
        return (bitOffset + prefix, octets, prefix + (octets * 8));
    }

    private static (long, long, long) Terminated(ReadOnlySpan<byte> packet, long bitOffset, byte terminator, string field)
    {
        int first = (int)(bitOffset >> 3);
        int skip = (int)(bitOffset & 7);
        int last = skip == 0 ? packet.Length : packet.Length - 1;
        for (int i = first; i < last; i++)
        {
            byte octet = skip == 0 ? packet[i] : (byte)((packet[i] << skip) | (packet[i + 1] >> (8 - skip)));
            if (octet == terminator)
            {
                return (bitOffset, i - first, (i - first + 1) * 8L);
            }
        }

        throw new PacketDecodeException(field, first, $"no terminator 0x{terminator:x2} before the packet's end");
    }

    /// <summary>Seconds from the epoch: days of 86,400 s, milliseconds of the day, then micro- or picoseconds of the millisecond.</summary>
    private static double DaySegmented(ReadOnlySpan<byte> packet, long bitOffset, FieldType type)
    {
        int dayBits = type.DayBits;
        ulong day = Gather(packet, bitOffset, dayBits);
        ulong milliseconds = Gather(packet, bitOffset + dayBits, 32);
        double seconds = (day * 86400.0) + (milliseconds / 1e3);
        return type.SubMillisecondBits switch
        {
            16 => seconds + (Gather(packet, bitOffset + dayBits + 32, 16) / 1e6),
            32 => seconds + (Gather(packet, bitOffset + dayBits + 32, 32) / 1e12),
            _ => seconds,
        };
    }

    private static ulong Aligned(ReadOnlySpan<byte> source, int bits) => bits switch
    {
        8 => source[0],
        16 => BinaryPrimitives.ReadUInt16BigEndian(source),
        32 => BinaryPrimitives.ReadUInt32BigEndian(source),
        _ => BinaryPrimitives.ReadUInt64BigEndian(source),
    };

    private static ulong Gather(ReadOnlySpan<byte> packet, long bitOffset, int bits)
    {
        int first = (int)(bitOffset >> 3);
        int skip = (int)(bitOffset & 7);
        int last = (int)((bitOffset + bits - 1) >> 3);
        if (last - first < 8)
        {
            // Header fields and the like fit eight octets: a 64-bit window, no 128-bit arithmetic.
            ulong small = 0;
            for (int i = first; i <= last; i++)
            {
                small = small << 8 | packet[i];
            }

            int shift = (last - first + 1) * 8 - skip - bits;
            return bits == 64 ? small : small >> shift & ((1UL << bits) - 1);
        }

        return WideWindow(packet, first, last, skip, bits);
    }

    // Out of line: ReadyToRun leaves a method that handles a UInt128 to the JIT, and the 64-bit window above is the common case.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong WideWindow(ReadOnlySpan<byte> packet, int first, int last, int skip, int bits)
    {
        UInt128 window = 0;
        for (int i = first; i <= last; i++)
        {
            window = window << 8 | packet[i];
        }

        int trailing = (last - first + 1) * 8 - skip - bits;
        UInt128 mask = (UInt128.One << bits) - 1;
        return (ulong)(window >> trailing & mask);
    }
}
