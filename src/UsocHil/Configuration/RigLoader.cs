using System.Runtime.ExceptionServices;
using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>Loads one <c>rig.json</c>: schema, then the cross-references a schema cannot check.</summary>
public static class RigLoader
{
    public static RigDefinition Load(string rigFile, string? displayName = null) => Load(Admit(rigFile, displayName ?? rigFile));

    /// <summary>
    /// The file read and held to its schema, not yet typed: <see cref="StationLoader"/> admits the rigs while the
    /// station's typed read may still be under way on the preparation thread. What goes wrong is thrown by <see cref="Load(Admitted)"/>.
    /// </summary>
    internal static Admitted Admit(string rigFile, string shown)
    {
        try
        {
            JToken document = ConfigurationFileReader.Parse(rigFile, shown, out string text);
            var problems = ConfigurationFileReader.Validate(document, ConfigurationSchemas.Rig, shown).ToList();
            return problems.Count > 0 ? new Admitted(shown, null, "", ExceptionDispatchInfo.Capture(new ConfigurationException(problems))) : new Admitted(shown, document, text, null);
        }
        catch (Exception e)
        {
            return new Admitted(shown, null, "", ExceptionDispatchInfo.Capture(e));
        }
    }

    internal static RigDefinition Load(Admitted admitted)
    {
        admitted.Failure?.Throw();
        JToken document = admitted.Document!;
        var rig = ConfigurationFileReader.Deserialize<RigDefinition>(document, admitted.Text, admitted.Shown);
        var problems = RigChecks.Check(admitted.Shown, document, rig).ToList();
        return problems.Count > 0 ? throw new ConfigurationException(problems) : rig;
    }

    /// <param name="Failure">Why the file cannot be admitted (unreadable, not JSON, against its schema); null when admitted.</param>
    internal sealed record Admitted(string Shown, JToken? Document, string Text, ExceptionDispatchInfo? Failure);
}
