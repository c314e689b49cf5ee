namespace UsocHil.Protocols.Pus;

/// <summary>
/// The P-field of a CUC time code (CCSDS 301.0-B-4 §3.2.2). First octet: bit 0 extension flag, bits 1-3 time code ID
/// (001 TAI epoch, 010 agency-defined epoch), bits 4-5 coarse octets − 1, bits 6-7 fine octets. Extension octet, when
/// the flag is set: bit 0 further extension (0 here), bits 1-2 additional coarse octets, bits 3-5 additional fine
/// octets, bits 6-7 reserved (0). So 1-4 coarse and 0-3 fine octets take one octet, up to 7 and 10 take two.
/// </summary>
public static class CucPField
{
    /// <summary>The P-field octets for a time code of this shape: one, or two with the extension octet.</summary>
    public static byte[] For(byte coarseOctets, byte fineOctets, int timeCodeId)
    {
        if (coarseOctets is < 1 or > CucTime.MaxCoarseOctets || fineOctets > CucTime.MaxFineOctets)
        {
            throw new ArgumentException($"a CUC time has 1..{CucTime.MaxCoarseOctets} coarse and 0..{CucTime.MaxFineOctets} fine octets, not {coarseOctets} and {fineOctets}");
        }

        int basicCoarse = Math.Min((int)coarseOctets, 4);
        int basicFine = Math.Min((int)fineOctets, 3);
        bool extended = coarseOctets > 4 || fineOctets > 3;
        byte first = (byte)((extended ? 0x80 : 0) | (timeCodeId & 0b111) << 4 | (basicCoarse - 1) << 2 | basicFine);
        return extended ? [first, (byte)((coarseOctets - basicCoarse) << 5 | (fineOctets - basicFine) << 2)] : [first];
    }

    /// <summary>
    /// Reads a P-field: time code ID, coarse and fine octets, and its own length; null when the octets are not a
    /// P-field this decoder reads (a further extension, set reserved bits, or too few octets).
    /// </summary>
    public static (int TimeCodeId, byte CoarseOctets, byte FineOctets, int Length)? Read(ReadOnlySpan<byte> source)
    {
        if (source.IsEmpty)
        {
            return null;
        }

        byte first = source[0];
        int id = first >> 4 & 0b111;
        int coarse = (first >> 2 & 0b11) + 1;
        int fine = first & 0b11;
        if ((first & 0x80) == 0)
        {
            return (id, (byte)coarse, (byte)fine, 1);
        }

        if (source.Length < 2 || (source[1] & 0x80) != 0 || (source[1] & 0b11) != 0)
        {
            return null;
        }

        return (id, (byte)(coarse + (source[1] >> 5 & 0b11)), (byte)(fine + (source[1] >> 2 & 0b111)), 2);
    }
}
