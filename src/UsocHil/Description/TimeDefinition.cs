namespace UsocHil.Description;

/// <summary>
/// A parameter that is a time, its engineering value in seconds: an absolute time counted from an epoch
/// (<c>"time": { "epoch": "TAI" }</c>, or J2000, UNIX, GPS, or an ISO 8601 date or date-time, as XTCE's
/// <c>ReferenceTime</c> names them) or a relative time, a duration (<c>"time": { "relative": true }</c>). A CCSDS CUC
/// time of C coarse and F fine octets is an unsigned field of 8(C+F) bits with the calibration [0, 2^-8F].
/// </summary>
public sealed record TimeDefinition
{
    /// <summary>The epoch of an absolute time; null for a relative one.</summary>
    public string? Epoch { get; init; }

    /// <summary>A duration rather than an instant.</summary>
    public bool Relative { get; init; }
}
