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

    /// <summary>
    /// The containers a layout's repeated groups repeat (a ContainerRefEntry with a RepeatEntry names them), each with
    /// its group's fields; the importer reads a container referenced so as a group, not as a packet layout.
    /// </summary>
    public static IEnumerable<XElement> GroupContainers(PacketDefinition packet) =>
        packet.Entries.Where(e => e.Group is not null).Select(e =>
            new XElement(X + "SequenceContainer", new XAttribute("name", e.Group!),
                new XElement(X + "EntryList", (e.Fields ?? []).Select(f => Entry(packet, f)))));

    private static XElement Entry(PacketDefinition packet, PacketEntryDefinition entry) => entry.Group is { } group
        ? new(X + "ContainerRefEntry", new XAttribute("containerRef", group), Gap(entry),
            new XElement(X + "RepeatEntry", new XElement(X + "Count", new XElement(X + "DynamicValue",
                new XElement(X + "ParameterInstanceRef", new XAttribute("parameterRef", entry.Count ?? throw new MissionDatabaseException($"{packet.Name}:{group}", "a repeated group without a count")))))))
        : new(X + "ParameterRefEntry", new XAttribute("parameterRef", entry.Parameter), Gap(entry));

    private static XElement? Gap(PacketEntryDefinition entry) =>
        entry.Offset == 0 ? null : new XElement(X + "LocationInContainerInBits", new XAttribute("referenceLocation", "previousEntry"),
            new XElement(X + "FixedValue", entry.Offset));

    private static XElement Comparison(RestrictionDefinition restriction) =>
        new(X + "Comparison", new XAttribute("parameterRef", restriction.Parameter), new XAttribute("value", XtceTypeWriter.Text(restriction.Value)),
            restriction.Operator == "==" ? null : new XAttribute("comparisonOperator", XmlOperator(restriction.Operator)),
            new XAttribute("useCalibratedValue", restriction.Calibrated));

    private static string XmlOperator(string rig) => Operators.Contains(rig) ? rig : throw new MissionDatabaseException($"{rig}:0", "not a comparison operator");
}
