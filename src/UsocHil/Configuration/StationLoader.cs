using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Configuration;

/// <summary>
/// Loads <c>rig-config.json</c> and every rig it names, reporting all problems at once
/// (file, JSON path and line each) before anything opens a link.
/// </summary>
public static class StationLoader
{
    /// <summary>
    /// Starts building the station and rig files' typed readers on another thread, for a command about to load the
    /// station (<see cref="TypedReadPreparation"/>).
    /// </summary>
    /// <param name="stationFile">The station file the command will load, when known: it is then read there too.</param>
    public static void PrepareReaders(string? stationFile = null) => TypedReadPreparation.Start(stationFile);

    public static LoadedStation Load(string stationFile)
    {
        string file = Path.GetFullPath(stationFile);
        string shown = stationFile;
        JToken document = ConfigurationFileReader.Parse(file, shown, out string text);
        var problems = ConfigurationFileReader.Validate(document, ConfigurationSchemas.Station, shown).ToList();
        if (problems.Count > 0)
        {
            // Rig files can still be checked where the station's shape allows, so one run of
            // `config validate` shows everything.
            problems.AddRange(CheckRigsOf(document, file, shown, bindings: null, admitted: null, out _));
            throw new ConfigurationException(problems);
        }

        // Json.NET's share of the rigs, while System.Text.Json's typed read of the station may still be under way.
        Dictionary<string, RigLoader.Admitted> admitted = RigFilesOf(document, file)
            .Where(rig => rig.Known)
            .ToDictionary(rig => rig.File, rig => RigLoader.Admit(rig.File, Path.GetRelativePath(Environment.CurrentDirectory, rig.File)), StringComparer.Ordinal);
        TypedReadPreparation.ReadRigsHere(admitted.Values.Where(rig => rig.Failure is null).Select(rig => rig.Text));
        var config = ConfigurationFileReader.Deserialize<StationConfig>(document, text, shown);
        for (int i = 0; i < config.Extensions.Count; i++)
        {
            if (!File.Exists(Path.Combine(Path.GetDirectoryName(file)!, config.Extensions[i])))
            {
                problems.Add(new ConfigurationProblem(shown, $"$.extensions[{i}]", ConfigurationFileReader.LineOf(document["extensions"]![i]!),
                    $"no extension assembly '{config.Extensions[i]}' (paths are relative to the station file)"));
            }
        }

        if (config.Central is { } central && System.Text.RegularExpressions.Regex.IsMatch(central, "^postgres(ql)?://[^/@:]*:[^/@]*@", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
        {
            problems.Add(new ConfigurationProblem(shown, "$.central", ConfigurationFileReader.LineOf(document["central"]),
                "a password does not belong in the station file; give it in PGPASSWORD or a pgpass file"));
        }

        problems.AddRange(CheckRigsOf(document, file, shown, config.Rigs, admitted, out Dictionary<string, LoadedRig> rigs));
        if (problems.Count > 0)
        {
            throw new ConfigurationException(problems);
        }

        return new LoadedStation(file, File.ReadAllBytes(file), config, rigs);
    }

    /// <param name="bindings">The rigs' bindings as the station's typed read found them; null to read each one here.</param>
    /// <param name="admitted">The rig files already admitted, by path; null to admit each one here.</param>
    private static List<ConfigurationProblem> CheckRigsOf(
        JToken document, string file, string shown, IReadOnlyDictionary<string, RigBinding>? bindings,
        Dictionary<string, RigLoader.Admitted>? admitted, out Dictionary<string, LoadedRig> rigs)
    {
        rigs = new Dictionary<string, LoadedRig>(StringComparer.Ordinal);
        var problems = new List<ConfigurationProblem>();
        foreach (var (entry, rigDirectory, rigFile, known) in RigFilesOf(document, file))
        {
            if (!known)
            {
                problems.Add(new ConfigurationProblem(shown, "$.rigs." + entry.Name, ConfigurationFileReader.LineOf(entry),
                    $"unknown rig '{entry.Name}': no {Path.GetRelativePath(Path.GetDirectoryName(file)!, rigFile)}"));
                continue;
            }

            try
            {
                RigDefinition definition = admitted is not null && admitted.TryGetValue(rigFile, out RigLoader.Admitted? admittedRig)
                    ? RigLoader.Load(admittedRig)
                    : RigLoader.Load(rigFile, Path.GetRelativePath(Environment.CurrentDirectory, rigFile));
                if (entry.Value is JObject bindingObject && ConfigurationFileReader.Validate(bindingObject, ConfigurationSchemas.Station.Definition("rigBinding"), shown).Any())
                {
                    continue; // already reported by the station's schema pass
                }

                RigBinding binding = bindings is not null && bindings.TryGetValue(entry.Name, out RigBinding? typed)
                    ? typed
                    : System.Text.Json.JsonSerializer.Deserialize<RigBinding>(entry.Value.ToString(), ConfigurationFileReader.SerializerOptions)!;
                problems.AddRange(BindingChecks.Check(shown, entry, definition, binding));
                rigs[entry.Name] = new LoadedRig(entry.Name, rigDirectory, definition, binding);
            }
            catch (ConfigurationException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        return problems;
    }

    /// <summary>Each rig the station names, with where its files are; not known when its name is not plain or it has no rig.json.</summary>
    private static IEnumerable<(JProperty Entry, string Directory, string File, bool Known)> RigFilesOf(JToken document, string file)
    {
        if (document["rigs"] is not JObject rigObjects)
        {
            yield break;
        }

        string rigsDirectory = document["rigsDirectory"]?.Value<string>() ?? "rigs";
        foreach (JProperty entry in rigObjects.Properties())
        {
            string rigFile = RigFile(file, rigsDirectory, entry.Name);
            yield return (entry, Path.GetDirectoryName(rigFile)!, rigFile, IsPlainName(entry.Name) && File.Exists(rigFile));
        }
    }

    /// <summary>Where a rig the station names keeps its <c>rig.json</c>: the station's rigs directory, then the rig's name.</summary>
    internal static string RigFile(string stationFile, string rigsDirectory, string rigName) =>
        Path.Combine(Path.GetDirectoryName(stationFile)!, rigsDirectory, rigName, "rig.json");

    /// <summary>The rig files a station names that can be loaded: a plain name and a rig.json in place.</summary>
    internal static IEnumerable<string> LoadableRigFiles(string stationFile, string rigsDirectory, IEnumerable<string> rigNames) =>
        rigNames.Where(IsPlainName).Select(name => RigFile(stationFile, rigsDirectory, name)).Where(File.Exists);

    private static bool IsPlainName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
