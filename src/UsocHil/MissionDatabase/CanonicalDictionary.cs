using System.Text.Json;
using System.Text.Json.Serialization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase;

/// <summary>
/// A rig's dictionary, APID and limits in one canonical text: every list in a fixed order (by ID, name or code) and
/// every label map by value, so two rigs that say the same thing give the same text whatever order their files use.
/// The measure of a round trip through XTCE or a MIB. A parameter's thermocouple type is left out: it names the sensor
/// wired on the bench, which neither format carries, and <see cref="RigJson.Onto"/> keeps it from the bench rig.
/// </summary>
public static class CanonicalDictionary
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Of(RigDefinition rig)
    {
        RigDictionary d = rig.Dictionary;
        var canonical = new
        {
            rig.Apid,
            Parameters = d.Parameters.OrderBy(p => p.Id).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => p with { Enum = p.Enum is null ? null : new SortedDictionary<string, string>(p.Enum.ToDictionary(), Numeric), Thermocouple = null }),
            Housekeeping = d.Housekeeping.OrderBy(h => h.StructureId),
            Packets = d.Packets.OrderBy(p => p.Name, StringComparer.Ordinal),
            Commands = d.Commands.OrderBy(c => c.Name, StringComparer.Ordinal),
            Events = d.Events.OrderBy(e => e.Id),
            FailureCodes = d.FailureCodes.OrderBy(f => f.Code),
            Limits = rig.Limits.OrderBy(l => l.Parameter, StringComparer.Ordinal).ThenBy(l => l.When?.Parameter, StringComparer.Ordinal).ThenBy(l => l.When?.Value),
        };
        return JsonSerializer.Serialize(canonical, Options);
    }

    private static readonly IComparer<string> Numeric = Comparer<string>.Create((a, b) =>
        long.TryParse(a, out long x) && long.TryParse(b, out long y) ? x.CompareTo(y) : string.CompareOrdinal(a, b));
}
