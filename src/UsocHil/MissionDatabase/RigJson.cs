using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase;

/// <summary>
/// An imported rig as a <c>rig.json</c> a person can read: its name, APID and dictionary, without the defaults an
/// importer never sets (false flags, zero gaps, ==, empty lists).
/// </summary>
public static class RigJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(RigDefinition rig)
    {
        var document = new JsonObject
        {
            ["$schema"] = "../../schemas/rig.schema.json",
            ["name"] = rig.Name,
            ["description"] = rig.Description,
            ["apid"] = rig.Apid,
            ["dictionary"] = Prune(JsonSerializer.SerializeToNode(rig.Dictionary, Options)),
        };
        return document.ToJsonString(Options) + Environment.NewLine;
    }

    private static JsonNode? Prune(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach ((string key, JsonNode? value) in obj.ToList())
            {
                Prune(value);
                bool empty = value is JsonArray { Count: 0 } or JsonObject { Count: 0 }
                    || (value is JsonValue v && ((v.TryGetValue(out bool flag) && !flag)
                        || (key == "offset" && v.TryGetValue(out int gap) && gap == 0)
                        || (key == "operator" && v.TryGetValue(out string? op) && op == "==")
                        || (key == "intervalMs" && v.TryGetValue(out int interval) && interval == 1000)));
                if (empty)
                {
                    obj.Remove(key);
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                Prune(item);
            }
        }

        return node;
    }
}
