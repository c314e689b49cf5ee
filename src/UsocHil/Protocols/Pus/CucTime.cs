namespace UsocHil.Protocols.Pus;

/// <summary>
/// A CCSDS unsegmented time code (CCSDS 301.0-B-4 §3.2): coarse seconds and a binary fraction since an epoch, either
/// the TAI epoch 1958-01-01 (time code ID 001) or an agency-defined epoch (time code ID 010). Up to 7 coarse and 10
/// fine octets, as the P-field with its extension octet can describe. Kept raw, so that a packet decodes and encodes
/// to the same octets.
/// </summary>
/// <param name="Coarse">Whole seconds since the epoch (up to 7 octets).</param>
/// <param name="Fine">Fraction of a second in units of 2^-(8 × FineOctets) (up to 10 octets).</param>
/// <param name="AgencyEpoch">The agency-defined epoch (time code 010), counted in SI seconds with no leap seconds; null for TAI 1958.</param>
public readonly record struct CucTime(ulong Coarse, UInt128 Fine, byte CoarseOctets = 4, byte FineOctets = 2, DateTimeOffset? AgencyEpoch = null)
{
    /// <summary>The epoch of time code ID 001.</summary>
    public static readonly DateTimeOffset TaiEpoch = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>TAI − UTC: the leap seconds since 2017-01-01; the next one is not yet announced.</summary>
    public const int TaiMinusUtcSeconds = 37;

    public const int MaxCoarseOctets = 7;
    public const int MaxFineOctets = 10;

    /// <summary>Time code ID of the P-field: 001 for the TAI epoch, 010 for an agency-defined epoch.</summary>
    public int TimeCodeId => AgencyEpoch is null ? 0b001 : 0b010;

    public double SecondsSinceEpoch => Coarse + (double)Fine / Math.Pow(2, 8 * FineOctets);

    /// <summary>The UTC instant this time code stands for (TAI less the leap seconds; an agency epoch plus the seconds).</summary>
    public DateTimeOffset ToUtc() => AgencyEpoch is DateTimeOffset epoch
        ? epoch.AddSeconds(SecondsSinceEpoch)
        : TaiEpoch.AddSeconds(SecondsSinceEpoch - TaiMinusUtcSeconds);

    /// <summary>The nearest time code to a UTC instant, from the TAI epoch or from <paramref name="agencyEpoch"/>.</summary>
    public static CucTime FromUtc(DateTimeOffset utc, byte coarseOctets = 4, byte fineOctets = 2, DateTimeOffset? agencyEpoch = null) =>
        agencyEpoch is DateTimeOffset epoch
            ? FromSeconds((utc - epoch).TotalSeconds, coarseOctets, fineOctets) with { AgencyEpoch = epoch }
            : FromSeconds((utc - TaiEpoch).TotalSeconds + TaiMinusUtcSeconds, coarseOctets, fineOctets);

    /// <summary>The nearest code to a number of seconds since the epoch (negative clamps to 0, beyond the coarse octets to their maximum).</summary>
    public static CucTime FromSeconds(double seconds, byte coarseOctets = 4, byte fineOctets = 2)
    {
        if (!(seconds > 0))
        {
            return new CucTime(0, 0, coarseOctets, fineOctets);
        }

        double whole = Math.Floor(seconds);
        double scale = Math.Pow(2, 8 * fineOctets);
        var fine = (UInt128)Math.Round((seconds - whole) * scale);
        double coarse = whole;
        if ((double)fine >= scale)
        {
            fine = 0;
            coarse++;
        }

        ulong maxCoarse = coarseOctets >= 8 ? ulong.MaxValue : (1UL << (8 * coarseOctets)) - 1;
        return new CucTime(coarse >= maxCoarse ? maxCoarse : (ulong)coarse, fine, coarseOctets, fineOctets);
    }

    public override string ToString() => $"{Coarse}.{Fine} ({SecondsSinceEpoch:F6} s)";
}
