using System.Reflection;
using NJsonSchema;

namespace UsocHil.Configuration;

/// <summary>The JSON Schemas of the configuration files, embedded from the repository's <c>schemas/</c> folder.</summary>
internal static class ConfigurationSchemas
{
    private static readonly Lazy<JsonSchema> s_station = new(() => Load("rig-config.schema.json"));
    private static readonly Lazy<JsonSchema> s_rig = new(() => Load("rig.schema.json"));
    private static readonly Lazy<JsonSchema> s_sequence = new(() => Load("sequence.schema.json"));

    public static JsonSchema Station => s_station.Value;

    public static JsonSchema Rig => s_rig.Value;

    /// <summary>For editors and tests: the sequence loader's own readers remain what decides (with the rig's names).</summary>
    public static JsonSchema Sequence => s_sequence.Value;

    private static JsonSchema Load(string name)
    {
        using Stream stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("UsocHil.Schemas." + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
