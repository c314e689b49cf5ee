using System.Globalization;
using System.Xml.Linq;

namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// How the PUS facts of a rig that XTCE has no element for travel in XTCE: as aliases (name spaces below) and one
/// ancillary datum, so any XTCE tool reads the file and UsocHil reads the facts back. Service 5 events and service 1
/// failure codes are enumerated types that no parameter uses; an event's severity is its label's alarm level.
/// </summary>
internal static class XtcePus
{
    public const string Namespace = "http://www.omg.org/spec/XTCE/20180204";

    /// <summary>On the space system: the APID the payload's packets carry.</summary>
    public const string Apid = "CCSDS-APID";

    /// <summary>On a parameter: its service 20 parameter ID.</summary>
    public const string ParameterId = "PUS-parameter-id";

    /// <summary>On a container: it is a service 3 housekeeping structure of this structure ID.</summary>
    public const string StructureId = "PUS-housekeeping-structure";

    /// <summary>On a meta-command: its service type, subtype and (service 8) function ID.</summary>
    public const string Service = "PUS-service";

    public const string Subtype = "PUS-subtype";
    public const string FunctionId = "PUS-function-id";

    /// <summary>On an enumerated type: its labels are the payload's service 5 events, or its service 1 failure codes.</summary>
    public const string Enumerates = "PUS-enumerates";

    public const string Events = "events";
    public const string FailureCodes = "failure-codes";

    /// <summary>Ancillary datum on a meta-command: sending it twice does what sending it once does.</summary>
    public const string Idempotent = "usoc-hil-idempotent";

    /// <summary>Event severities and the XTCE alarm levels their labels carry.</summary>
    public static readonly IReadOnlyDictionary<string, string> SeverityLevels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["info"] = "normal", ["low"] = "watch", ["medium"] = "warning", ["high"] = "critical",
    };

    /// <summary>The alias an element carries in a name space (marked read), or null.</summary>
    public static string? Alias(XElement element, string nameSpace, XtceCoverage coverage)
    {
        XElement? set = element.Child("AliasSet");
        XElement? alias = set?.Children("Alias").FirstOrDefault(a => (string?)a.Attribute("nameSpace") == nameSpace);
        if (alias is null)
        {
            return null;
        }

        coverage.Read(set, alias);
        return ((string?)alias.Attribute("alias"))?.Trim();
    }

    /// <summary>A numeric alias from 0 to <paramref name="max"/> (an octet unless said otherwise), or null.</summary>
    public static int? IntAlias(XElement element, string nameSpace, XtceCoverage coverage, int max = 255) =>
        int.TryParse(Alias(element, nameSpace, coverage), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= 0 && value <= max ? value : null;
}
