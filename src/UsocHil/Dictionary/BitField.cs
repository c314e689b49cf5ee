using System.Buffers.Binary;
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
    public static string ReadBlock(ReadOnlySpan<byte> packet, long bitOffset, FieldType type, string field)
    {
        if (bitOffset + type.Bits > (long)packet.Length * 8)
        {
            throw new PacketDecodeException(field, (int)(bitOffset / 8), $"{type} at bit {bitOffset} runs past the packet's {packet.Length} octets");
        }

        int length = type.Bits / 8;
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
