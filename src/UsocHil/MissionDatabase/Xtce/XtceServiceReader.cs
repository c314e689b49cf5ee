using System.Xml.Linq;
using UsocHil.Description;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// The PUS services' own parts of a database written as <see cref="XtcePus"/> says: containers that are housekeeping
/// structures (their rate in stream the interval), and the enumerated types that list service 5 events (severity from
/// each label's alarm level) and service 1 failure codes.
/// </summary>
internal sealed class XtceServiceReader(XtceCoverage coverage, IReadOnlyDictionary<string, ParameterDefinition> parameters)
{
    public static bool IsHousekeeping(XElement container) =>
        container.Child("AliasSet")?.Children("Alias").Any(a => (string?)a.Attribute("nameSpace") == XtcePus.StructureId) ?? false;

    public HousekeepingStructureDefinition? Housekeeping(XElement container)
    {
        try
        {
            return ReadHousekeeping(container);
        }
        catch (XtceValueException e)
        {
            coverage.Drop(container, (string?)container.Attribute("name"), e.Message);
            return null;
        }
    }

    private HousekeepingStructureDefinition? ReadHousekeeping(XElement container)
    {
        string name = (string?)container.Attribute("name") ?? "";
        int? structure = XtcePus.IntAlias(container, XtcePus.StructureId, coverage);
        coverage.Read(container, container.Child("EntryList"));
        var names = new List<string>();
        foreach (XElement entry in container.Child("EntryList")?.Elements() ?? [])
        {
            string reference = XtceNames.Reference((string?)entry.Attribute("parameterRef") ?? "");
            if (entry.Name.LocalName != "ParameterRefEntry" || entry.HasElements || !parameters.TryGetValue(reference, out ParameterDefinition? parameter))
            {
                coverage.Drop(container, name, $"housekeeping structure entry {reference} is not a plain reference to an imported parameter");
                return null;
            }

            coverage.Read(entry);
            names.Add(parameter.Name);
        }

        if (structure is null)
        {
            coverage.Drop(container, name, "its housekeeping structure ID is not a number");
            return null;
        }

        int interval = 1000;
        if (container.Child("DefaultRateInStream") is { } rate && rate.Double("minimumValue") is double perSecond && perSecond > 0)
        {
            coverage.Read(rate);
            double ms = ((string?)rate.Attribute("basis") ?? "perSecond") == "perSecond" ? 1000 / perSecond : perSecond * 1000;
            interval = ms is >= 1 and <= 86_400_000 ? (int)Math.Round(ms) : 1000;
        }

        coverage.Report.Imported(XmlSource.Where(container), "SequenceContainer", name, $"housekeeping structure {structure} of {names.Count} parameters every {interval} ms");
        return new HousekeepingStructureDefinition { StructureId = structure.Value, Name = XtceNames.Rig(name), IntervalMs = interval, Parameters = names };
    }

    /// <summary>Events and failure codes from the types that enumerate them; other types are left alone.</summary>
    public void Enumerations(IEnumerable<XElement> types, List<EventDefinition> events, List<FailureCodeDefinition> failures)
    {
        foreach (XElement type in types.Where(t => t.Name.LocalName == "EnumeratedParameterType"))
        {
            string? what = XtcePus.Alias(type, XtcePus.Enumerates, coverage);
            if (what is not (XtcePus.Events or XtcePus.FailureCodes))
            {
                continue;
            }

            try
            {
                Enumeration(type, what, events, failures);
            }
            catch (XtceValueException e)
            {
                coverage.Drop(type, (string?)type.Attribute("name"), e.Message);
            }
        }
    }

    private void Enumeration(XElement type, string what, List<EventDefinition> events, List<FailureCodeDefinition> failures)
    {
        var levels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (type.Child("DefaultAlarm")?.Child("EnumerationAlarmList") is { } alarms)
        {
            coverage.ReadAll(type.Child("DefaultAlarm")!);
            foreach (XElement alarm in alarms.Children("EnumerationAlarm"))
            {
                levels[(string?)alarm.Attribute("enumerationLabel") ?? ""] = (string?)alarm.Attribute("alarmLevel") ?? "normal";
            }
        }

        var labels = type.Descendants().Where(e => e.Name.LocalName == "Enumeration")
            .Select(e => (Id: e.Int("value") ?? 0, Label: XtceNames.Rig((string?)e.Attribute("label") ?? ""))).Where(l => l.Id is >= 0 and <= ushort.MaxValue).ToList();
        if (what == XtcePus.FailureCodes)
        {
            failures.AddRange(labels.Select(l => new FailureCodeDefinition(l.Id, l.Label)));
        }
        else
        {
            events.AddRange(labels.Select(l => new EventDefinition(l.Id, l.Label, Severity(levels.GetValueOrDefault(l.Label, "normal")))));
        }

        coverage.Report.Imported(XmlSource.Where(type), type.Name.LocalName, (string?)type.Attribute("name"), what == XtcePus.Events ? "service 5 events" : "service 1 failure codes");
    }

    private static string Severity(string level) =>
        XtcePus.SeverityLevels.FirstOrDefault(s => s.Value == level).Key ?? (level is "distress" or "severe" ? "high" : "info");
}
