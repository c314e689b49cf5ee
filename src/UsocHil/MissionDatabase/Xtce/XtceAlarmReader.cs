using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// A numeric type's default or context alarm as one of the rig's limits: XTCE's five levels fold onto yellow (watch,
/// warning) and red (distress, critical, severe), the innermost of each kept; <c>minViolations</c> is the persistence;
/// absolute change alarms (per second or per sample) are the delta limit; a context alarm's single equality
/// comparison is the limit's condition. What the rig's limits cannot hold (inside ranges, percentage changes, alarm
/// conditions, compound contexts) is dropped as a safety loss.
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
        XElement? change = alarm.Child("ChangeAlarmRanges");
        XElement? match = alarm.Name.LocalName == "ContextAlarm" ? alarm.Child("ContextMatch") : null;
        foreach (XElement other in alarm.Elements().Where(e => e != ranges && e != change && e != match))
        {
            coverage.Drop(other, type, $"{other.Name.LocalName} is not supported: only static and change alarm ranges are");
        }

        XtceCondition? condition = null;
        if (alarm.Name.LocalName == "ContextAlarm")
        {
            condition = match is null ? null : Condition(match, type);
            if (condition is null)
            {
                coverage.Drop(alarm, type, "its context is not one equality comparison with another parameter");
                return null;
            }
        }

        (double[]? yellow, double[]? red) = ranges is null ? (null, null) : Static(ranges, type);
        DeltaLimitDefinition? delta = change is null ? null : Delta(change, type);
        if (yellow is null && red is null && delta is null)
        {
            return null;
        }

        if (yellow is not null || red is not null)
        {
            if (red is null)
            {
                coverage.Report.Approximated(XmlSource.Where(ranges!), "StaticAlarmRanges", type, "no critical band: red never trips", safetyRelevant: true);
            }

            (yellow, red) = (yellow ?? red!, red ?? [-Open, Open]);
        }

        var read = new XtceAlarm(yellow, red, Math.Max(1, alarm.Int("minViolations") ?? 1), delta, condition);
        if (!ImportedDictionary.Nested(new LimitDefinition { Parameter = type, Yellow = read.Yellow, Red = read.Red }))
        {
            coverage.Drop(alarm, type, "its ranges are not [min, max] with the warning range inside the critical one");
            return null;
        }

        string bands = read.Yellow is null ? "" : $"yellow [{Bound(read.Yellow[0])}, {Bound(read.Yellow[1])}], red [{Bound(read.Red![0])}, {Bound(read.Red[1])}], ";
        string rate = delta is null ? "" : $"change per {(delta.Per == DeltaBasis.Second ? "second" : "sample")} yellow {Bound(delta.Yellow)}, red {Bound(delta.Red)}, ";
        string when = condition is null ? "" : $", while {condition.ParameterRef} = {condition.Value}";
        coverage.Report.Imported(XmlSource.Where(alarm), alarm.Name.LocalName, type, $"{bands}{rate}after {read.Persistence} sample(s){when}");
        return read;
    }

    private static string Bound(double value) => Math.Abs(value) == Open ? (value < 0 ? "-inf" : "inf") : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private (double[]? Yellow, double[]? Red) Static(XElement ranges, string type)
    {
        if (((string?)ranges.Attribute("rangeForm") ?? "outside") != "outside")
        {
            coverage.Drop(ranges, type, "alarm ranges of the form 'inside' are not supported");
            return (null, null);
        }

        coverage.Read(ranges);
        return (Band(ranges, Yellow, type, "yellow"), Band(ranges, Red, type, "red"));
    }

    /// <summary>Absolute change per second or per sample over one sample: the largest change each level allows (XTCE compares absolute values).</summary>
    private DeltaLimitDefinition? Delta(XElement change, string type)
    {
        string? whyNot = ((string?)change.Attribute("changeBasis") ?? "absoluteChange") != "absoluteChange" ? "a percentage change is not supported (absolute changes are)"
            : (change.Int("spanOfInterestInSamples") ?? 1) != 1 ? "a change over more than one sample is not supported"
            : ((string?)change.Attribute("rangeForm") ?? "outside") != "outside" ? "change ranges of the form 'inside' are not supported"
            : null;
        if (whyNot is not null)
        {
            coverage.Drop(change, type, whyNot);
            return null;
        }

        coverage.Read(change);
        if (change.Double("spanOfInterestInSeconds") is > 0)
        {
            coverage.Report.Approximated(XmlSource.Where(change), "ChangeAlarmRanges", type, "the change is measured between consecutive samples, not over its span of interest in seconds");
        }

        double? yellow = Largest(change, Yellow, type, "yellow");
        double? red = Largest(change, Red, type, "red");
        if (yellow is null && red is null)
        {
            return null;
        }

        if (!(yellow is null or > 0) || !(red is null or > 0) || yellow > red)
        {
            coverage.Drop(change, type, "its change ranges are not positive with the warning range inside the critical one");
            return null;
        }

        return new DeltaLimitDefinition
        {
            Yellow = yellow ?? red!.Value,
            Red = red ?? yellow!.Value,
            Per = (string?)change.Attribute("changeType") == "changePerSample" ? DeltaBasis.Sample : DeltaBasis.Second,
        };
    }

    private double? Largest(XElement change, string[] levels, string type, string colour)
    {
        double[]? band = Band(change, levels, type, colour);
        return band is null ? null : Math.Abs(band[1]) != Open ? Math.Abs(band[1]) : Math.Abs(band[0]) != Open ? Math.Abs(band[0]) : null;
    }

    private XtceCondition? Condition(XElement match, string type)
    {
        coverage.Read(match);
        XElement? comparison = match.Child("Comparison") ?? (match.Child("ComparisonList")?.Children("Comparison").ToList() is [XElement only] ? only : null);
        if (comparison is null || ((string?)comparison.Attribute("comparisonOperator") ?? "==") != "==" || comparison.Attribute("parameterRef") is null)
        {
            return null;
        }

        coverage.ReadAll(match);
        if (comparison.Int("instance") is not (null or 0))
        {
            coverage.Report.Approximated(XmlSource.Where(comparison), "Comparison", type, "compared with the parameter's latest value, not an earlier instance");
        }

        return new XtceCondition(XtceNames.Reference((string)comparison.Attribute("parameterRef")!), ((string?)comparison.Attribute("value") ?? "").Trim(),
            comparison.Bool("useCalibratedValue") ?? true, XmlSource.Where(comparison));
    }

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

/// <summary>A type's alarm as bands, a delta limit, the samples outside one before it trips, and (for a context alarm) when it applies.</summary>
internal sealed record XtceAlarm(IReadOnlyList<double>? Yellow, IReadOnlyList<double>? Red, int Persistence, DeltaLimitDefinition? Delta, XtceCondition? When);

/// <summary>A context alarm's condition as written: the XTCE parameter compared, the value's text, and whether it is the calibrated value.</summary>
internal sealed record XtceCondition(string ParameterRef, string Value, bool Calibrated, string Location);
