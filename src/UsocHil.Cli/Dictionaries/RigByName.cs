using System.CommandLine;
using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Cli.Dictionaries;

/// <summary>
/// The rig a dictionary command reads: a rig.json path, a rig the station binds, or a folder under the station's
/// rigs/ (an imported rig need not be bound to anything to decode its recordings).
/// </summary>
internal static class RigByName
{
    public static RigDefinition Load(ParseResult parseResult, string name)
    {
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && File.Exists(name))
        {
            return RigLoader.Load(name);
        }

        string unbound = Path.Combine(RigsDirectory(parseResult), name, "rig.json");
        return File.Exists(unbound) ? RigLoader.Load(unbound, Path.Combine("rigs", name, "rig.json")) : StationContext.Load(parseResult).Rig(name).Definition;
    }

    /// <summary>Where rigs/ is: beside the station file.</summary>
    public static string RigsDirectory(ParseResult parseResult) =>
        Path.Combine(Path.GetDirectoryName(parseResult.GetValue(GlobalOptions.Station)!.FullName)!, "rigs");
}
