using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.Monitor;

/// <summary>How the monitor writes JSON: camelCase, enums as names, nulls kept (the page tests for them).</summary>
internal static class MonitorJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);
}
