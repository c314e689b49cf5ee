using System.Text;
using System.Xml.Linq;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// XTCE names as rig names: parameters in the rig's upper-case words (<c>Battery-Volts</c> becomes
/// <c>BATTERY_VOLTS</c>), references by their last path segment (<c>/BogusSAT/SC001/Bus/BATTERY</c> names BATTERY).
/// </summary>
internal static class XtceNames
{
    public static string Reference(string reference)
    {
        string trimmed = reference.Trim();
        int slash = trimmed.LastIndexOf('/');
        return slash >= 0 ? trimmed[(slash + 1)..] : trimmed;
    }

    /// <summary>The upper-case rig spelling of an XTCE name.</summary>
    public static string Rig(string name)
    {
        var text = new StringBuilder(name.Length + 2);
        foreach (char c in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        }

        return text.Length == 0 || !char.IsAsciiLetter(text[0]) ? "P_" + text : text.ToString();
    }

    /// <summary>A container's name as a layout name: its own spelling, other characters than letters, digits and _ as _.</summary>
    public static string Layout(string name)
    {
        string text = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
        return text.Length == 0 || !char.IsAsciiLetter(text[0]) ? "C_" + text : text;
    }

    /// <summary>Children by local name, whatever the namespace (XTCE 1.0/1.1, 1.2, or none: real tools accept all three).</summary>
    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Descendants(this XElement element, string localName) =>
        element.Descendants().Where(e => e.Name.LocalName == localName);

    public static string? Text(this XElement element, string localName) => element.Child(localName)?.Value.Trim();
}
