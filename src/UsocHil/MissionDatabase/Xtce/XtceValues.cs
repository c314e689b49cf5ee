using System.Globalization;
using System.Xml.Linq;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// Numbers and flags from XTCE attributes. A value that is not one is an <see cref="XtceValueException"/>, which
/// drops the element it belongs to with the reason, rather than a parser's exception ending the import.
/// </summary>
internal static class XtceValues
{
    public static int? Int(this XElement element, string name) =>
        Parse(element, name, text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) ? v : (int?)null);

    public static long? Long(this XElement element, string name) =>
        Parse(element, name, text => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : (long?)null);

    public static double? Double(this XElement element, string name) =>
        Parse(element, name, text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : (double?)null);

    public static bool? Bool(this XElement element, string name) =>
        Parse(element, name, text => text switch { "true" or "1" => true, "false" or "0" => (bool?)false, _ => null });

    private static T? Parse<T>(XElement element, string name, Func<string, T?> parse)
        where T : struct
    {
        XAttribute? attribute = element.Attribute(name);
        return attribute is null ? null : parse(attribute.Value.Trim()) ?? throw new XtceValueException(element, attribute);
    }
}

/// <summary>An attribute whose value is not the number or flag XTCE says it is.</summary>
internal sealed class XtceValueException(XElement element, XAttribute attribute)
    : Exception($"{element.Name.LocalName} {attribute.Name.LocalName}=\"{attribute.Value}\" is not a valid value")
{
    public XElement Element { get; } = element;
}
