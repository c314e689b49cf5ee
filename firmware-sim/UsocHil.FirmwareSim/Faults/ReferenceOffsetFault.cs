using System.Globalization;

namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// The reference multimeter reads <see cref="Kelvin"/> off the true core temperature from rig time <see cref="At"/>
/// on (a probe moved or a reference out of calibration): <c>ref-offset=0.25</c>, <c>ref-offset=-0.25@2h</c>.
/// A calibration made before <see cref="At"/> is right, a check after it disagrees by the offset.
/// </summary>
public sealed record ReferenceOffsetFault(double Kelvin, TimeSpan At)
{
    public const string Name = "ref-offset";

    /// <summary>The offset the reference adds at <paramref name="rigTime"/>.</summary>
    public double OffsetAt(TimeSpan rigTime) => rigTime >= At ? Kelvin : 0;

    public static ReferenceOffsetFault Parse(string spec, string text)
    {
        string[] parts = text.Split('@', 2, StringSplitOptions.TrimEntries);
        if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double kelvin) || !double.IsFinite(kelvin) || Math.Abs(kelvin) > 100)
        {
            throw new FaultSpecException(spec, $"'{parts[0]}' is not a reference offset in K (at most ±100)");
        }

        return new ReferenceOffsetFault(kelvin, parts.Length == 2 ? FaultSpecParser.Duration(spec, parts[1]) : TimeSpan.Zero);
    }
}
