namespace UsocHil.Framing;

/// <summary>
/// The ISO 16-bit checksum (a Fletcher sum modulo 255, ECSS-E-ST-70-41C Annex B.2), the packet error control a
/// mission may choose instead of the CRC. Check octets CK1 = -(C0 + C1) and CK2 = C1 modulo 255, a zero written as 255.
/// </summary>
public static class IsoChecksum
{
    public static ushort Compute(ReadOnlySpan<byte> data)
    {
        int c0 = 0;
        int c1 = 0;
        foreach (byte b in data)
        {
            c0 += b;
            if (c0 >= 255)
            {
                c0 -= 255;
            }

            c1 += c0;
            if (c1 >= 255)
            {
                c1 -= 255;
            }
        }

        int ck1 = (510 - c0 - c1) % 255;
        int ck2 = c1;
        if (ck1 == 0)
        {
            ck1 = 255;
        }

        if (ck2 == 0)
        {
            ck2 = 255;
        }

        return (ushort)(ck1 << 8 | ck2);
    }
}
