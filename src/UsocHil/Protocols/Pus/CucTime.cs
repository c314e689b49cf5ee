namespace UsocHil.Protocols.Pus;

/// <summary>
/// A CCSDS unsegmented time code (CCSDS 301.0-B): coarse seconds and a binary fraction, here from the TAI epoch
/// 1958-01-01. Kept raw, so that a packet decodes and encodes to the same octets.
/// </summary>
/// <param name="Coarse">Whole seconds since the epoch (up to 4 octets).</param>
/// <param name="Fine">Fraction of a second in units of 2^-(8 × FineOctets).</param>
public readonly record struct CucTime(uint Coarse, uint Fine, byte CoarseOctets = 4, byte FineOctets = 2)
{
    /// <summary>The epoch of time code ID 001.</summary>
    public static readonly DateTimeOffset TaiEpoch = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>TAI − UTC: the leap seconds since 2017-01-01; the next one is not yet announced.</summary>
    public const int TaiMinusUtcSeconds = 37;

    public double SecondsSinceEpoch => Coarse + Fine / (double)(1UL << (8 * FineOctets));

    /// <summary>The UTC instant this TAI time code stands for.</summary>
    public DateTimeOffset ToUtc() => TaiEpoch.AddSeconds(SecondsSinceEpoch - TaiMinusUtcSeconds);

    /// <summary>The nearest TAI time code to a UTC instant.</summary>
    public static CucTime FromUtc(DateTimeOffset utc, byte coarseOctets = 4, byte fineOctets = 2) =>
        FromSeconds((utc - TaiEpoch).TotalSeconds + TaiMinusUtcSeconds, coarseOctets, fineOctets);

    /// <summary>The P-field octet describing this code: TAI epoch, its octet counts.</summary>
    public byte PField => (byte)(0b001 << 4 | (CoarseOctets - 1) << 2 | FineOctets);

    /// <summary>The nearest code to a number of seconds since the epoch (negative clamps to 0).</summary>
    public static CucTime FromSeconds(double seconds, byte coarseOctets = 4, byte fineOctets = 2)
    {
        if (!(seconds > 0))
        {
            return new CucTime(0, 0, coarseOctets, fineOctets);
        }

        double whole = Math.Floor(seconds);
        double scale = 1UL << (8 * fineOctets);
        ulong fine = (ulong)Math.Round((seconds - whole) * scale);
        ulong coarse = (ulong)whole;
        if (fine >= (ulong)scale)
        {
            fine = 0;
            coarse++;
        }

        ulong maxCoarse = coarseOctets >= 4 ? uint.MaxValue : (1UL << (8 * coarseOctets)) - 1;
        return new CucTime((uint)Math.Min(coarse, maxCoarse), (uint)fine, coarseOctets, fineOctets);
    }

    public override string ToString() => $"{Coarse}.{Fine} ({SecondsSinceEpoch:F6} s)";
}
