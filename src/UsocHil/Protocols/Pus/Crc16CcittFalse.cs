namespace UsocHil.Protocols.Pus;

/// <summary>
/// CRC-16/CCITT-FALSE (catalogue name CRC-16/IBM-3740: poly 0x1021, init 0xFFFF, no reflection, xorout 0), the packet
/// error control of PUS (ECSS-E-ST-70-41C Annex B.1). Not KERMIT nor XMODEM, which System.IO.Hashing's Crc16 is not either.
/// </summary>
public static class Crc16CcittFalse
{
    public const ushort Initial = 0xFFFF;

    private static readonly ushort[] Table = BuildTable();

    public static ushort Compute(ReadOnlySpan<byte> data) => Update(Initial, data);

    /// <summary>Continues a CRC over more data; start from <see cref="Initial"/>.</summary>
    public static ushort Update(ushort crc, ReadOnlySpan<byte> data)
    {
        ushort[] table = Table;
        foreach (byte b in data)
        {
            crc = (ushort)(crc << 8 ^ table[(crc >> 8 ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? crc << 1 ^ 0x1021 : crc << 1;
            }

            table[i] = (ushort)crc;
        }

        return table;
    }
}
