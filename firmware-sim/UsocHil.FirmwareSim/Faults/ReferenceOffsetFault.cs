using System.Globalization;

namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// The reference multimeter reads <see cref="Kelvin"/> off the true core temperature from rig time <see cref="At"/>
/// on (a probe moved or a reference out of calibration): <c>ref-offset=0.25</c>, <c>ref-offset=-0.25@2h</c>, or
/// <c>ref-offset=0.25@UPTIME&gt;63min</c>, counted from the end of the unit's boot (<paramref name="FromBoot"/>).
/// A calibration made before <see cref="At"/> is right, a check after it disagrees by the offset.
/// </summary>
public sealed record ReferenceOffsetFault(double Kelvin, TimeSpan At, bool FromBoot = false)
{
    public const string Name = "ref-offset";

    /// <summary>The offset the reference adds at <paramref name="rigTime"/>, the unit having been up for <paramref name="uptime"/>.</summary>
    public double OffsetAt(TimeSpan rigTime, TimeSpan uptime) => (FromBoot ? uptime : rigTime) >= At && (!FromBoot || uptime > TimeSpan.Zero) ? Kelvin : 0;

    public static ReferenceOffsetFault Parse(string spec, string text)
    {
        string[] parts = text.Split('@', 2, StringSplitOptions.TrimEntries);
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double kelvin) || !double.IsFinite(kelvin) || Math.Abs(kelvin) > 100)
        {
            throw new FaultSpecException(spec, $"'{parts[0]}' is not a reference offset in K (at most ±100)");
        }

        if (parts.Length == 2 && parts[1].StartsWith(FaultSpecParser.UptimePrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new ReferenceOffsetFault(kelvin, FaultSpecParser.Duration(spec, parts[1][FaultSpecParser.UptimePrefix.Length..].Trim()), FromBoot: true);
        }

        return new ReferenceOffsetFault(kelvin, parts.Length == 2 ? FaultSpecParser.Duration(spec, parts[1]) : TimeSpan.Zero);
    }
}
