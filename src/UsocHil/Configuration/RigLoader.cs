using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>Loads one <c>rig.json</c>: schema, then the cross-references a schema cannot check.</summary>
public static class RigLoader
{
    public static RigDefinition Load(string rigFile, string? displayName = null)
    {
        string shown = displayName ?? rigFile;
        JToken document = ConfigurationFileReader.Parse(rigFile, shown, out string text);
        var problems = ConfigurationFileReader.Validate(document, ConfigurationSchemas.Rig, shown).ToList();
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        var rig = ConfigurationFileReader.Deserialize<RigDefinition>(document, text, shown);
        problems.AddRange(RigChecks.Check(shown, document, rig));
        return problems.Count > 0 ? throw new ConfigurationException(problems) : rig;
    }
}
