using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using UsocHil.Description;

namespace UsocHil.MissionDatabase;

/// <summary>
/// An imported rig as a <c>rig.json</c> a person can read: its name, APID, dictionary and limits, without the defaults an
/// importer never sets (false flags, zero gaps, ==, empty lists, a repeated group's empty parameter).
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
        if (rig.Limits.Count > 0)
        {
            document["limits"] = JsonSerializer.SerializeToNode(rig.Limits, Options);
        }

        return document.ToJsonString(Options) + Environment.NewLine;
    }

    /// <summary>
    /// The imported name, APID, dictionary and limits on a bench rig's file, which keeps everything a database does not
    /// say (emulator, profile, links, GPIO, instruments, expectations, session, display, safing, and the thermocouple
    /// type of each parameter the bench wires to a thermocouple).
    /// </summary>
    public static string Onto(string benchJson, RigDefinition rig)
    {
        JsonObject bench = JsonNode.Parse(benchJson, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })?.AsObject()
            ?? throw new JsonException("the bench rig file is not a JSON object");
        var imported = JsonNode.Parse(Write(rig))!.AsObject();
        KeepThermocouples(bench, imported);
        foreach (string key in (string[])["name", "apid", "dictionary", "limits"])
        {
            bench.Remove(key);
            if (imported[key] is { } value)
            {
                imported.Remove(key);
                bench[key] = value;
            }
        }

        return bench.ToJsonString(Options) + Environment.NewLine;
    }

    /// <summary>
    /// Neither XTCE nor a MIB says which sensor a temperature comes from: the thermocouple types wired on the bench
    /// stay on the parameters of the same name.
    /// </summary>
    private static void KeepThermocouples(JsonObject bench, JsonObject imported)
    {
        var types = (bench["dictionary"]?["parameters"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(p => p["thermocouple"] is not null && p["name"] is JsonValue)
            .GroupBy(p => p["name"]!.GetValue<string>(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()["thermocouple"]!, StringComparer.Ordinal);
        foreach (JsonObject parameter in (imported["dictionary"]?["parameters"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (parameter["name"] is JsonValue name && types.TryGetValue(name.GetValue<string>(), out JsonNode? thermocouple) && parameter["thermocouple"] is null)
            {
                parameter["thermocouple"] = thermocouple.DeepClone();
            }
        }
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
                        || (key == "parameter" && v.TryGetValue(out string? parameter) && parameter.Length == 0)
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
