using System.Xml;
using System.Xml.Linq;

namespace UsocHil.MissionDatabase.Xml;

/// <summary>
/// Where an element was read: the file (an XInclude'd root carries its own) and the line, as <c>file:line</c> for
/// every report and refusal.
/// </summary>
public static class XmlSource
{
    /// <summary>The file an element came from, shown as given (relative to the first file's folder for included ones).</summary>
    internal sealed record FileAnnotation(string Shown);

    public static string Where(XObject node)
    {
        return $"{File(node)}:{Line(node)}";
    }

    public static string File(XObject node)
    {
        for (XElement? element = node as XElement ?? node.Parent; element is not null; element = element.Parent)
        {
            if (element.Annotation<FileAnnotation>() is { } file)
            {
                return file.Shown;
            }
        }

        return node.Document?.Root?.Annotation<FileAnnotation>()?.Shown ?? "?";
    }

    public static int Line(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
}
