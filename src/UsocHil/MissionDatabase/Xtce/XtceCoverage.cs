using System.Xml.Linq;
using UsocHil.MissionDatabase.Xml;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Keeps account of every element of an XTCE database: the importer marks what it read, and the sweep at the end
/// reports each element nobody read as dropped (its descendants with it), so nothing is lost silently.
/// </summary>
internal sealed class XtceCoverage(ImportReport report)
{
    private readonly HashSet<XElement> _read = [];

    public ImportReport Report => report;

    /// <summary>Marks elements as read (the importer understood and used them).</summary>
    public void Read(params IEnumerable<XElement?> elements)
    {
        foreach (XElement? element in elements)
        {
            if (element is not null)
            {
                _read.Add(element);
            }
        }
    }

    /// <summary>Marks an element and everything in it as read.</summary>
    public void ReadAll(XElement element) => Read(element.DescendantsAndSelf());

    /// <summary>Reports an element (and what is in it) as dropped, and marks it so the sweep does not report it again.</summary>
    public void Drop(XElement element, string? name, string why)
    {
        report.Dropped(XmlSource.Where(element), element.Name.LocalName, name, why, SafetyRelevant(element));
        ReadAll(element);
    }

    /// <summary>Whether losing this element loses a limit, a command verifier or a calibration.</summary>
    public static bool SafetyRelevant(XElement element) => element.DescendantsAndSelf().Any(e =>
        e.Name.LocalName.Contains("Alarm", StringComparison.Ordinal)
        || e.Name.LocalName.Contains("Verifier", StringComparison.Ordinal)
        || e.Name.LocalName.Contains("Calibrator", StringComparison.Ordinal));

    /// <summary>Every element not read: dropped as not supported, the outermost of each unread subtree once.</summary>
    public void Sweep(XElement root)
    {
        foreach (XElement element in root.DescendantsAndSelf().ToList())
        {
            if (!_read.Contains(element))
            {
                Drop(element, (string?)element.Attribute("name"), Documentation.Contains(element.Name.LocalName) ? "documentation only" : "not supported by the importer");
            }
        }
    }

    private static readonly HashSet<string> Documentation = ["Header", "AliasSet", "AncillaryDataSet", "SystemName", "AuthorSet", "NoteSet"];
}
