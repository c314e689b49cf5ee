using System.Xml;
using System.Xml.Linq;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Writes a rig's dictionary and limits as XTCE 1.2 that validates against the OMG schema: one parameter type per
/// parameter (encoding, unit, calibrator, valid range, alarm ranges), housekeeping structures and packet layouts as
/// sequence containers, commands as meta-commands. What XTCE has no element for travels as <see cref="XtcePus"/> says,
/// so that <see cref="XtceImporter"/> gives the same dictionary back.
/// </summary>
public static class XtceExporter
{
    private static readonly XNamespace X = XtcePus.Namespace;

    public static string Write(RigDefinition rig)
    {
        RigDictionary dictionary = rig.Dictionary;
        var limits = rig.Limits.ToLookup(l => l.Parameter, StringComparer.Ordinal);
        var enumerated = dictionary.Parameters.Where(p => p.Enum is not null).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var system = new XElement(X + "SpaceSystem", new XAttribute("name", rig.Name), ShortDescription(rig.Description),
            Aliases((XtcePus.Apid, rig.Apid)));
        var types = new XElement(X + "ParameterTypeSet",
            dictionary.Parameters.Select(p => XtceTypeWriter.Parameter(p, [.. limits[p.Name]], enumerated.Contains)),
            Enumerates(XtcePus.Events, dictionary.Events.Select(e => (e.Id, e.Name, (string?)XtcePus.SeverityLevels[e.Severity]))),
            Enumerates(XtcePus.FailureCodes, dictionary.FailureCodes.Select(f => (f.Code, f.Name, (string?)null))));
        var parameters = new XElement(X + "ParameterSet", dictionary.Parameters.Select(Parameter));
        var containers = new XElement(X + "ContainerSet",
            dictionary.Housekeeping.Select(Housekeeping),
            dictionary.Packets.Select(XtceLayoutWriter.Container),
            dictionary.Packets.SelectMany(XtceLayoutWriter.GroupContainers));
        system.Add(new XElement(X + "TelemetryMetaData", NonEmpty(types), NonEmpty(parameters), NonEmpty(containers)));
        if (dictionary.Commands.Count > 0)
        {
            system.Add(XtceCommandWriter.CommandMetaData(dictionary.Commands));
        }

        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), system).Save(writer);
        }

        return text + "\n";
    }

    internal static XAttribute? ShortDescription(string? description) =>
        string.IsNullOrEmpty(description) ? null : new XAttribute("shortDescription", description);

    internal static XElement? Aliases(params (string NameSpace, object? Alias)[] aliases)
    {
        var present = aliases.Where(a => a.Alias is not null).ToList();
        return present.Count == 0 ? null : new XElement(X + "AliasSet",
            present.Select(a => new XElement(X + "Alias", new XAttribute("nameSpace", a.NameSpace), new XAttribute("alias", XtceTypeWriter.Text(a.Alias!)))));
    }

    private static XElement? NonEmpty(XElement set) => set.HasElements ? set : null;

    private static XElement Parameter(ParameterDefinition parameter) =>
        new(X + "Parameter", new XAttribute("name", parameter.Name), new XAttribute("parameterTypeRef", XtceTypeWriter.TypeName(parameter.Name)),
            ShortDescription(parameter.Description),
            Aliases((XtcePus.ParameterId, parameter.Id)),
            new XElement(X + "ParameterProperties", new XAttribute("readOnly", !parameter.Settable), new XAttribute("persistence", !parameter.Volatile)));

    private static XElement Housekeeping(HousekeepingStructureDefinition structure) =>
        new(X + "SequenceContainer", new XAttribute("name", structure.Name),
            Aliases((XtcePus.StructureId, structure.StructureId)),
            new XElement(X + "DefaultRateInStream", new XAttribute("basis", "perSecond"),
                new XAttribute("minimumValue", XtceTypeWriter.Text(1000.0 / structure.IntervalMs)), new XAttribute("maximumValue", XtceTypeWriter.Text(1000.0 / structure.IntervalMs))),
            new XElement(X + "EntryList", structure.Parameters.Select(p => new XElement(X + "ParameterRefEntry", new XAttribute("parameterRef", p)))));

    private static XElement? Enumerates(string what, IEnumerable<(int Value, string Label, string? Level)> labels)
    {
        var list = labels.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        int bits = what == XtcePus.Events ? 16 : 8;
        var alarms = list.Where(l => l.Level is not null and not "normal").ToList();
        return new XElement(X + "EnumeratedParameterType", new XAttribute("name", what == XtcePus.Events ? "PUS_EVENTS" : "PUS_FAILURE_CODES"),
            new XAttribute("shortDescription", what == XtcePus.Events ? "Service 5 event IDs; the alarm level is the event's severity" : "Service 1 failure codes"),
            Aliases((XtcePus.Enumerates, what)),
            new XElement(X + "IntegerDataEncoding", new XAttribute("sizeInBits", bits), new XAttribute("encoding", "unsigned")),
            new XElement(X + "EnumerationList", list.Select(l => new XElement(X + "Enumeration", new XAttribute("value", l.Value), new XAttribute("label", l.Label)))),
            alarms.Count == 0 ? null : new XElement(X + "DefaultAlarm", new XElement(X + "EnumerationAlarmList",
                alarms.Select(l => new XElement(X + "EnumerationAlarm", new XAttribute("alarmLevel", l.Level!), new XAttribute("enumerationLabel", l.Label))))));
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => new System.Text.UTF8Encoding(false);
    }
}
