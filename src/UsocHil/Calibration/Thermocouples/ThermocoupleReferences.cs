using System.Collections.Concurrent;

namespace UsocHil.Calibration.Thermocouples;

/// <summary>
/// The thermocouple types a rig file may name in a parameter's <c>thermocouple.type</c>, keyed by type letter. Type K
/// is registered; an extension adds another with <see cref="Add"/> at start-up.
/// </summary>
public static class ThermocoupleReferences
{
    private static readonly ConcurrentDictionary<string, IThermocoupleReference> s_types = new(StringComparer.Ordinal)
    {
        ["K"] = new TypeKReference(),
    };

    public static IReadOnlyCollection<string> Types => s_types.Keys.Order(StringComparer.Ordinal).ToArray();

    public static void Add(IThermocoupleReference reference) => s_types[reference.Type] = reference;

    public static bool TryGet(string type, out IThermocoupleReference reference) => s_types.TryGetValue(type, out reference!);
}
