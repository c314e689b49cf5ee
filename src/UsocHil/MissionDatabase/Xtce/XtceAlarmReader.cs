using System.Xml.Linq;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// A numeric type's default alarm as the rig's two bands: XTCE's five levels fold onto yellow (watch, warning) and red
/// (distress, critical, severe), the innermost of each kept; <c>minViolations</c> is the persistence. What the rig's
/// limits cannot hold (delta limits, inside ranges, alarm conditions) is dropped as a safety loss.
/// </summary>
internal sealed class XtceAlarmReader(XtceCoverage coverage)
{
    private static readonly string[] Yellow = ["WarningRange", "WatchRange"];
    private static readonly string[] Red = ["CriticalRange", "DistressRange", "SevereRange"];

    /// <summary>An unbounded side of a band, as far as JSON numbers go.</summary>
    private const double Open = double.MaxValue;

    public XtceAlarm? Read(XElement alarm, string type)
    {
        coverage.Read(alarm);
        XElement? ranges = alarm.Child("StaticAlarmRanges");
        foreach (XElement other in alarm.Elements().Where(e => e != ranges))
        {
            coverage.Drop(other, type, other.Name.LocalName == "ChangeAlarmRanges"
                ? "delta (rate-of-change) limits are not supported: the static bands are kept"
                : $"{other.Name.LocalName} is not supported: only static alarm ranges are");
        }

        if (ranges is null)
        {
            return null;
        }

        if (((string?)ranges.Attribute("rangeForm") ?? "outside") != "outside")
        {
            coverage.Drop(ranges, type, "alarm ranges of the form 'inside' are not supported");
            return null;
        }

        coverage.Read(ranges);
        double[]? yellow = Band(ranges, Yellow, type, "yellow");
        double[]? red = Band(ranges, Red, type, "red");
        if (yellow is null && red is null)
        {
            return null;
        }

        if (red is null)
        {
            coverage.Report.Approximated(XmlSource.Where(ranges), "StaticAlarmRanges", type, "no critical band: red never trips", safetyRelevant: true);
        }

        var read = new XtceAlarm(yellow ?? red!, red ?? [-Open, Open], Math.Max(1, alarm.Int("minViolations") ?? 1));
        if (!ImportedDictionary.Nested(new Description.LimitDefinition { Parameter = type, Yellow = read.Yellow, Red = read.Red }))
        {
            coverage.Drop(alarm, type, "its ranges are not [min, max] with the warning range inside the critical one");
            return null;
        }

        coverage.Report.Imported(XmlSource.Where(alarm), alarm.Name.LocalName, type,
            $"yellow [{Bound(read.Yellow[0])}, {Bound(read.Yellow[1])}], red [{Bound(read.Red[0])}, {Bound(read.Red[1])}], after {read.Persistence} sample(s)");
        return read;
    }

    private static string Bound(double value) => Math.Abs(value) == Open ? (value < 0 ? "-inf" : "inf") : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private double[]? Band(XElement ranges, string[] levels, string type, string colour)
    {
        var present = levels.Select(l => ranges.Child(l)).OfType<XElement>().ToList();
        if (present.Count == 0)
        {
            return null;
        }

        coverage.ReadAll(present[0]);
        foreach (XElement outer in present.Skip(1))
        {
            coverage.Report.Approximated(XmlSource.Where(outer), outer.Name.LocalName, type, $"folded into {colour}, where {present[0].Name.LocalName} is kept", safetyRelevant: true);
            coverage.ReadAll(outer);
        }

        XElement range = present[0];
        if (range.Attribute("minExclusive") is not null || range.Attribute("maxExclusive") is not null)
        {
            coverage.Report.Approximated(XmlSource.Where(range), range.Name.LocalName, type, "an exclusive bound is checked as inclusive");
        }

        return [range.Double("minInclusive") ?? range.Double("minExclusive") ?? -Open, range.Double("maxInclusive") ?? range.Double("maxExclusive") ?? Open];
    }
}

/// <summary>A type's default alarm as yellow and red bands and the samples outside one before it trips.</summary>
internal sealed record XtceAlarm(IReadOnlyList<double> Yellow, IReadOnlyList<double> Red, int Persistence);
