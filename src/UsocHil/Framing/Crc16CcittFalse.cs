using System.Buffers.Binary;

namespace UsocHil.Framing;

/// <summary>
/// CRC-16/CCITT-FALSE (catalogue name CRC-16/IBM-3740: poly 0x1021, init 0xFFFF, no reflection, xorout 0), the packet
/// error control of PUS (ECSS-E-ST-70-41C Annex B.1). Not KERMIT nor XMODEM, which System.IO.Hashing does not offer
/// in this variant either. Sliced by 8 (eight tables, eight independent lookups per 8 octets): the housekeeping
/// fast path checks every packet's CRC, and the byte-at-a-time chain was most of its cost.
/// </summary>
public static class Crc16CcittFalse
{
    public const ushort Initial = 0xFFFF;

    private static readonly ushort[][] Tables = BuildTables();

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(Initial, data);

    /// <summary>Continues a CRC over more data; start from <see cref="Initial"/>.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ushort[] t0 = Tables[0], t1 = Tables[1], t2 = Tables[2], t3 = Tables[3];
        ushort[] t4 = Tables[4], t5 = Tables[5], t6 = Tables[6], t7 = Tables[7];
        while (data.Length >= 8)
        {
            ulong block = BinaryPrimitives.ReadUInt64BigEndian(data) ^ ((ulong)crc << 48);
            crc = (ushort)(t7[(int)(block >> 56)] ^ t6[(int)(block >> 48) & 0xFF] ^ t5[(int)(block >> 40) & 0xFF] ^ t4[(int)(block >> 32) & 0xFF]
                ^ t3[(int)(block >> 24) & 0xFF] ^ t2[(int)(block >> 16) & 0xFF] ^ t1[(int)(block >> 8) & 0xFF] ^ t0[(int)block & 0xFF]);
            data = data[8..];
        }

        foreach (byte b in data)
        {
            crc = (ushort)(crc << 8 ^ t0[(crc >> 8 ^ b) & 0xFF]);
        }

        return crc;
    }

    /// <summary>Table k holds the CRC contribution of an octet followed by k zero octets.</summary>
    private static ushort[][] BuildTables()
    {
        var tables = new ushort[8][];
        tables[0] = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? crc << 1 ^ 0x1021 : crc << 1;
            }

            tables[0][i] = (ushort)crc;
        }

        for (int k = 1; k < 8; k++)
        {
            tables[k] = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                ushort previous = tables[k - 1][i];
                tables[k][i] = (ushort)(previous << 8 ^ tables[0][previous >> 8]);
            }
        }

        return tables;
    }
}
