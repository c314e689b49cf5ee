using System.Reflection;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace UsocHil.Configuration;

/// <summary>The JSON Schemas of the configuration files, embedded from the repository's <c>schemas/</c> folder.</summary>
internal static class ConfigurationSchemas
{
    private static readonly Lazy<ConfigurationSchema> s_station = new(() => Quick("rig-config.schema.json"));
    private static readonly Lazy<ConfigurationSchema> s_rig = new(() => Quick("rig.schema.json"));
    private static readonly Lazy<JsonSchema> s_sequence = new(() => Load("sequence.schema.json"));

    public static ConfigurationSchema Station => s_station.Value;

    public static ConfigurationSchema Rig => s_rig.Value;

    /// <summary>For editors and tests: the sequence loader's own readers remain what decides (with the rig's names).</summary>
    public static JsonSchema Sequence => s_sequence.Value;

    private static ConfigurationSchema Quick(string name)
    {
        string text = Text(name);
        return new ConfigurationSchema(JObject.Parse(text), () => JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult());
    }

    private static JsonSchema Load(string name) => JsonSchema.FromJsonAsync(Text(name)).GetAwaiter().GetResult();

    private static string Text(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("UsocHil.Schemas." + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
