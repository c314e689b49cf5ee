using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.FirmwareSim.Plant;

/// <summary>Reads a formula written as a string or as a bare number.</summary>
internal sealed class FormulaConverter : JsonConverter<string>
{
    public static string Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.Number => reader.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonTokenType.True => "1",
        JsonTokenType.False => "0",
        _ => throw new JsonException("expected a formula (a string or a number)"),
    };

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Reads an object of name to formula (string or number).</summary>
internal sealed class FormulaMapConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("expected an object of name to formula");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            reader.Read();
            map[name] = FormulaConverter.Read(ref reader);
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToDictionary(), options);
}
