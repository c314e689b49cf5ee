using System.Runtime.CompilerServices;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// A CCSDS unsegmented time code (CCSDS 301.0-B-4 §3.2): coarse seconds and a binary fraction since an epoch, either
/// the TAI epoch 1958-01-01 (time code ID 001) or an agency-defined epoch (time code ID 010). Up to 7 coarse and 10
/// fine octets, as the P-field with its extension octet can describe. Kept raw, so that a packet decodes and encodes
/// to the same octets.
/// </summary>
/// <remarks>
/// The fine fraction is held as two 64-bit halves, not as one <see cref="UInt128"/>: ReadyToRun leaves every method that
/// lays out a <see cref="UInt128"/> to the JIT, which put the whole telemetry path (decode, encode, stamping) in
/// unoptimised code at first use. <see cref="Fine"/> stays the one public view of it.
/// </remarks>
public readonly record struct CucTime
{
    private readonly ulong _fineHigh;
    private readonly ulong _fineLow;

    /// <param name="coarse">Whole seconds since the epoch (up to 7 octets).</param>
    /// <param name="fine">Fraction of a second in units of 2^-(8 × FineOctets) (up to 10 octets).</param>
    /// <param name="agencyEpoch">The agency-defined epoch (time code 010), counted in SI seconds with no leap seconds; null for TAI 1958.</param>
    public CucTime(ulong coarse, UInt128 fine, byte coarseOctets = 4, byte fineOctets = 2, DateTimeOffset? agencyEpoch = null)
        : this(coarse, (ulong)(fine >> 64), (ulong)fine, coarseOctets, fineOctets, agencyEpoch)
    {
    }

    internal CucTime(ulong coarse, ulong fineHigh, ulong fineLow, byte coarseOctets, byte fineOctets, DateTimeOffset? agencyEpoch)
    {
        Coarse = coarse;
        _fineHigh = fineHigh;
        _fineLow = fineLow;
        CoarseOctets = coarseOctets;
        FineOctets = fineOctets;
        AgencyEpoch = agencyEpoch;
    }

    /// <summary>Whole seconds since the epoch (up to 7 octets).</summary>
    public ulong Coarse { get; init; }

    /// <summary>Fraction of a second in units of 2^-(8 × FineOctets) (up to 10 octets).</summary>
    public UInt128 Fine
    {
        get => new(_fineHigh, _fineLow);
        init
        {
            _fineHigh = (ulong)(value >> 64);
            _fineLow = (ulong)value;
        }
    }

    public byte CoarseOctets { get; init; }

    public byte FineOctets { get; init; }

    /// <summary>The agency-defined epoch (time code 010), counted in SI seconds with no leap seconds; null for TAI 1958.</summary>
    public DateTimeOffset? AgencyEpoch { get; init; }

    /// <summary>The fine fraction's upper 64 bits (non-zero only with more than 8 fine octets).</summary>
    internal ulong FineHigh => _fineHigh;

    /// <summary>The fine fraction's lower 64 bits.</summary>
    internal ulong FineLow => _fineLow;

    /// <summary>Zero seconds and no fraction: what a profile without telemetry time decodes to.</summary>
    public bool IsZero => Coarse == 0 && _fineHigh == 0 && _fineLow == 0;

    /// <summary>The epoch of time code ID 001.</summary>
    public static readonly DateTimeOffset TaiEpoch = new(1958, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>TAI − UTC: the leap seconds since 2017-01-01; the next one is not yet announced.</summary>
    public const int TaiMinusUtcSeconds = 37;

    public const int MaxCoarseOctets = 7;
    public const int MaxFineOctets = 10;

    /// <summary>Time code ID of the P-field: 001 for the TAI epoch, 010 for an agency-defined epoch.</summary>
    public int TimeCodeId => AgencyEpoch is null ? 0b001 : 0b010;

    public double SecondsSinceEpoch => Coarse + (_fineHigh == 0 ? _fineLow : WideFine(_fineHigh, _fineLow)) / Math.Pow(2, 8 * FineOctets);

    /// <summary>True when the fine fraction fits in <paramref name="octets"/> octets.</summary>
    internal bool FineFits(int octets) => octets switch
    {
        >= 16 => true,
        > 8 => _fineHigh >> (8 * (octets - 8)) == 0,
        8 => _fineHigh == 0,
        _ => _fineHigh == 0 && _fineLow >> (8 * octets) == 0,
    };

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
            return new CucTime(0, 0, 0, coarseOctets, fineOctets, null);
        }

        double whole = Math.Floor(seconds);
        double scale = Math.Pow(2, 8 * fineOctets);
        double fraction = Math.Round((seconds - whole) * scale);
        double coarse = whole;
        if (fraction >= scale)
        {
            fraction = 0;
            coarse++;
        }

        ulong maxCoarse = coarseOctets >= 8 ? ulong.MaxValue : (1UL << (8 * coarseOctets)) - 1;
        ulong clamped = coarse >= maxCoarse ? maxCoarse : (ulong)coarse;
        return fraction < 18446744073709551616.0
            ? new CucTime(clamped, 0, (ulong)fraction, coarseOctets, fineOctets, null)
            : Wide(clamped, fraction, coarseOctets, fineOctets);
    }

    public void Deconstruct(out ulong coarse, out UInt128 fine, out byte coarseOctets, out byte fineOctets, out DateTimeOffset? agencyEpoch)
    {
        coarse = Coarse;
        fine = Fine;
        coarseOctets = CoarseOctets;
        fineOctets = FineOctets;
        agencyEpoch = AgencyEpoch;
    }

    // Kept out of line: a method that handles a UInt128 is the JIT's, not ReadyToRun's.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double WideFine(ulong high, ulong low) => (double)new UInt128(high, low);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static CucTime Wide(ulong coarse, double fraction, byte coarseOctets, byte fineOctets) =>
        new(coarse, (UInt128)fraction, coarseOctets, fineOctets);

    public override string ToString() => $"{Coarse}.{Fine} ({SecondsSinceEpoch:F6} s)";
}
