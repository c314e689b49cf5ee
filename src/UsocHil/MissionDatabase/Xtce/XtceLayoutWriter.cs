using System.Xml.Linq;
using UsocHil.Description;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>A packet layout as a sequence container: its entries with their gaps, its base and the comparisons that identify it.</summary>
internal static class XtceLayoutWriter
{
    private static readonly XNamespace X = XtcePus.Namespace;

    private static readonly HashSet<string> Operators = ["==", "!=", "<", "<=", ">", ">="];

    public static XElement Container(PacketDefinition packet) =>
        new(X + "SequenceContainer", new XAttribute("name", packet.Name), packet.Abstract ? new XAttribute("abstract", true) : null,
            XtceExporter.ShortDescription(packet.Description),
            new XElement(X + "EntryList", packet.Entries.Select(e => Entry(packet, e))),
            packet.Base is null ? null : new XElement(X + "BaseContainer", new XAttribute("containerRef", packet.Base),
                packet.Restrictions.Count == 0 ? null : new XElement(X + "RestrictionCriteria", new XElement(X + "ComparisonList",
                    packet.Restrictions.Select(Comparison)))));

    private static XElement Entry(PacketDefinition packet, PacketEntryDefinition entry) => entry.Group is { } group
        ? throw new MissionDatabaseException($"{packet.Name}:{group}", "a repeated group is not exported to XTCE yet; export refused rather than a container that reads differently")
        : new(X + "ParameterRefEntry", new XAttribute("parameterRef", entry.Parameter),
            entry.Offset == 0 ? null : new XElement(X + "LocationInContainerInBits", new XAttribute("referenceLocation", "previousEntry"),
                new XElement(X + "FixedValue", entry.Offset)));

    private static XElement Comparison(RestrictionDefinition restriction) =>
        new(X + "Comparison", new XAttribute("parameterRef", restriction.Parameter), new XAttribute("value", XtceTypeWriter.Text(restriction.Value)),
            restriction.Operator == "==" ? null : new XAttribute("comparisonOperator", XmlOperator(restriction.Operator)),
            new XAttribute("useCalibratedValue", restriction.Calibrated));

    private static string XmlOperator(string rig) => Operators.Contains(rig) ? rig : throw new MissionDatabaseException($"{rig}:0", "not a comparison operator");
}
