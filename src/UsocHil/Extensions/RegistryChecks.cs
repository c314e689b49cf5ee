using Newtonsoft.Json.Linq;
using UsocHil.Configuration;
using UsocHil.Description;

namespace UsocHil.Extensions;

/// <summary>
/// What <c>config validate</c> checks against the registries, beyond the files' own shape: every name a rig gives
/// (its payload protocol, and its emulator when the station emulates it) and every kind the station binds it with (link
/// kinds, GPIO binding) is registered. Sequence step and check kinds
/// are checked by the sequence reader with the same registries.
/// </summary>
public static class RegistryChecks
{
    public static IEnumerable<ConfigurationProblem> Check(Registries registries, LoadedStation station)
    {
        if (!registries.Stores.Contains(station.Config.ResultsStore))
        {
            yield return new ConfigurationProblem(station.File, "$.resultsStore", 0,
                $"results store '{station.Config.ResultsStore}' is not registered (registered: {string.Join(", ", registries.Stores.Names)})");
        }

        foreach (LoadedRig rig in station.Rigs.Values)
        {
            string file = Path.Combine(rig.Directory, "rig.json");
            JToken? document = null;
            int LineOf(string path)
            {
                try
                {
                    document ??= ConfigurationFileReader.Parse(file, file);
                    return ConfigurationFileReader.LineOf(document.SelectToken(path));
                }
                catch (ConfigurationException)
                {
                    return 0;
                }
            }

            RigDefinition definition = rig.Definition;
            if (!definition.Links.Any(l => registries.Protocols.Contains(l.Protocol)))
            {
                int index = Math.Max(0, definition.Links.ToList().FindIndex(l => l.Protocol != "scpi"));
                string named = definition.Links.Count == 0 ? "none" : string.Join(", ", definition.Links.Select(l => l.Protocol));
                yield return new ConfigurationProblem(file, $"$.links[{index}].protocol", LineOf($"links[{index}].protocol"),
                    $"no payload link in a registered payload protocol (the rig names {named}; registered: {string.Join(", ", registries.Protocols.Names)})");
            }

            string root = "$.rigs." + rig.Name;
            foreach (var (kind, endpoints) in new[] { ("links", rig.Binding.Links), ("instruments", rig.Binding.Instruments) })
            {
                foreach (var (name, endpoint) in endpoints)
                {
                    if (endpoint.Kind is { } named && !registries.Links.Contains(named))
                    {
                        yield return new ConfigurationProblem(station.File, $"{root}.{kind}.{name}.kind", 0,
                            $"link kind '{named}' is not registered (registered: {string.Join(", ", registries.Links.Names)})");
                    }
                }
            }

            if (rig.Binding.Gpio is { } gpio && !registries.Gpio.Contains(gpio.Binding))
            {
                yield return new ConfigurationProblem(station.File, $"{root}.gpio.binding", 0,
                    $"GPIO binding '{gpio.Binding}' is not registered (registered: {string.Join(", ", registries.Gpio.Names)})");
            }

            if (rig.Binding.Emulated && rig.Binding.Emulator is { } chosen && !registries.Emulators.Names.Contains(chosen, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ConfigurationProblem(station.File, $"{root}.emulator", 0,
                    $"emulator '{chosen}' is not registered (registered: {(registries.Emulators.Names.Count == 0 ? "none" : string.Join(", ", registries.Emulators.Names))})");
            }
            else if (rig.Binding.Emulated && rig.Binding.Emulator is null && definition.Emulator is { } emulator && !registries.Emulators.Names.Contains(emulator, StringComparer.OrdinalIgnoreCase))
            {
                yield return new ConfigurationProblem(file, "$.emulator", LineOf("emulator"),
                    $"emulator '{emulator}' is not registered (registered: {(registries.Emulators.Names.Count == 0 ? "none" : string.Join(", ", registries.Emulators.Names))})");
            }
        }
    }
}
