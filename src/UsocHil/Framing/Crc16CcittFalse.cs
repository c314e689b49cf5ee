using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace UsocHil.Framing;

/// <summary>
/// CRC-16/CCITT-FALSE (catalogue name CRC-16/IBM-3740: poly 0x1021, init 0xFFFF, no reflection, xorout 0), the packet
/// error control of PUS (ECSS-E-ST-70-41C Annex B.1). Not KERMIT nor XMODEM, which System.IO.Hashing does not offer
/// in this variant either. The housekeeping fast path checks every packet's CRC, so it is most of that path's cost:
/// 16 octets and more are folded with carry-less multiplication where the processor has it
/// (<see cref="Crc16CcittFalse"/>.Folding.cs, about 3.5× faster on a 60-octet packet); shorter data and other
/// processors use eight tables sliced by 8 (eight independent lookups per 8 octets).
/// </summary>
public static partial class Crc16CcittFalse
{
    public const ushort Initial = 0xFFFF;

    private const int Polynomial = 0x1021;

    /// <summary>Table k (at k × 256) holds the CRC contribution of an octet followed by k zero octets.</summary>
    private static readonly ushort[] Tables = BuildTables();

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(Initial, data);

    /// <summary>Continues a CRC over more data; start from <see cref="Initial"/>.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data) =>
        data.Length >= FoldingMinimum && IsFoldingSupported ? UpdateFolded(crc, data) : UpdateSliced(crc, data);

    /// <summary>The table-driven CRC, on every processor: the reference the folded one is tested against.</summary>
    internal static ushort UpdateSliced(ushort crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= 8)
        {
            crc = Remainder(BinaryPrimitives.ReadUInt64BigEndian(data) ^ ((ulong)crc << 48));
            data = data[8..];
        }

        ref ushort t0 = ref MemoryMarshal.GetArrayDataReference(Tables);
        foreach (byte b in data)
        {
            crc = (ushort)(crc << 8 ^ Unsafe.Add(ref t0, (crc >> 8 ^ b) & 0xFF));
        }

        return crc;
    }

    /// <summary>The CRC register after 8 octets (big-endian in <paramref name="block"/>) from a register of 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ushort Remainder(ulong block)
    {
        // Every index is masked to 0..255 inside its 256-entry table of the 2048: no bounds check needed.
        ref ushort t = ref MemoryMarshal.GetArrayDataReference(Tables);
        return (ushort)(Unsafe.Add(ref t, 7 * 256 + (int)(block >> 56)) ^ Unsafe.Add(ref t, 6 * 256 + (int)(block >> 48 & 0xFF))
            ^ Unsafe.Add(ref t, 5 * 256 + (int)(block >> 40 & 0xFF)) ^ Unsafe.Add(ref t, 4 * 256 + (int)(block >> 32 & 0xFF))
            ^ Unsafe.Add(ref t, 3 * 256 + (int)(block >> 24 & 0xFF)) ^ Unsafe.Add(ref t, 2 * 256 + (int)(block >> 16 & 0xFF))
            ^ Unsafe.Add(ref t, 1 * 256 + (int)(block >> 8 & 0xFF)) ^ Unsafe.Add(ref t, (int)(block & 0xFF)));
    }

    private static ushort[] BuildTables()
    {
        var tables = new ushort[8 * 256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? crc << 1 ^ Polynomial : crc << 1;
            }

            tables[i] = (ushort)crc;
        }

        for (int k = 1; k < 8; k++)
        {
            for (int i = 0; i < 256; i++)
            {
                ushort previous = tables[(k - 1) * 256 + i];
                tables[k * 256 + i] = (ushort)(previous << 8 ^ tables[previous >> 8]);
            }
        }

        return tables;
    }
}
