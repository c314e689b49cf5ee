using Newtonsoft.Json.Linq;

namespace UsocHil.Configuration;

/// <summary>
/// A quick yes to "does this document pass its schema?", read straight from the schema's JSON, so that a valid file
/// never waits for NJsonSchema to build its schema model (most of <c>config validate</c>'s start-up, docs/PERFORMANCE.md
/// figure 13). It judges only the keywords the repository's schemas use, the way NJsonSchema's validator judges them;
/// whatever it is not sure of (another keyword, a null, a number out of decimal range) it leaves to NJsonSchema, which
/// also writes every problem a person reads.
/// </summary>
internal static class SchemaAdmission
{
    public enum Verdict
    {
        Valid,
        Invalid,
        NotSure,
    }

    /// <summary>Keywords that say nothing about validity.</summary>
    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "definitions",
    };

    private static readonly HashSet<string> Judged = new(StringComparer.Ordinal)
    {
        "type", "properties", "required", "additionalProperties", "minProperties", "maxProperties", "dependencies",
        "items", "minItems", "maxItems", "uniqueItems", "enum", "minLength", "pattern", "minimum", "maximum",
        "exclusiveMinimum", "oneOf", "$ref",
    };

    public static Verdict Judge(JToken document, JObject schema, JObject root)
    {
        if (schema["$ref"] is JToken reference)
        {
            // Beside $ref, draft-07 and NJsonSchema ignore other keywords; a schema that relies on them is not judged here.
            return schema.Properties().All(p => p.Name == "$ref" || Annotations.Contains(p.Name)) && Resolve(reference, root) is { } target
                ? Judge(document, target, root)
                : Verdict.NotSure;
        }

        if (document.Type == JTokenType.Null || schema.Properties().Any(p => !Judged.Contains(p.Name) && !Annotations.Contains(p.Name)))
        {
            return Verdict.NotSure;
        }

        Verdict verdict = Verdict.Valid;
        foreach (Func<JToken, JObject, JObject, Verdict> check in Checks)
        {
            verdict = And(verdict, check(document, schema, root));
            if (verdict == Verdict.Invalid)
            {
                return verdict;
            }
        }

        return verdict;
    }

    private static readonly Func<JToken, JObject, JObject, Verdict>[] Checks = [OneOf, TypeOf, EnumOf, StringOf, NumberOf, ObjectOf, ArrayOf];

    private static Verdict And(Verdict a, Verdict b) =>
        a == Verdict.Invalid || b == Verdict.Invalid ? Verdict.Invalid : a == Verdict.NotSure || b == Verdict.NotSure ? Verdict.NotSure : Verdict.Valid;

    private static JObject? Resolve(JToken reference, JObject root) =>
        reference.Type == JTokenType.String && ((string)reference!).StartsWith("#/definitions/", StringComparison.Ordinal)
            ? root["definitions"]?[((string)reference!)["#/definitions/".Length..]] as JObject
            : null;

    private static Verdict OneOf(JToken document, JObject schema, JObject root)
    {
        if (schema["oneOf"] is not { } branches)
        {
            return Verdict.Valid;
        }

        if (branches is not JArray array || array.Any(b => b is not JObject))
        {
            return Verdict.NotSure;
        }

        var verdicts = array.Select(b => Judge(document, (JObject)b, root)).ToList();
        return verdicts.Contains(Verdict.NotSure) ? Verdict.NotSure : verdicts.Count(v => v == Verdict.Valid) == 1 ? Verdict.Valid : Verdict.Invalid;
    }

    private static Verdict TypeOf(JToken document, JObject schema, JObject root)
    {
        if (schema["type"] is not { } type)
        {
            return Verdict.Valid;
        }

        bool matches = (string?)(type as JValue)?.Value switch
        {
            "object" => document.Type == JTokenType.Object,
            "array" => document.Type == JTokenType.Array,
            "string" => document.Type == JTokenType.String,
            "integer" => document.Type == JTokenType.Integer,
            "number" => document.Type is JTokenType.Integer or JTokenType.Float,
            "boolean" => document.Type == JTokenType.Boolean,
            _ => false,
        };
        return matches ? Verdict.Valid : type.Type == JTokenType.String && (string)type! is "object" or "array" or "string" or "integer" or "number" or "boolean"
            ? Verdict.Invalid
            : Verdict.NotSure;
    }

    private static Verdict EnumOf(JToken document, JObject schema, JObject root)
    {
        if (schema["enum"] is not { } values)
        {
            return Verdict.Valid;
        }

        // NJsonSchema compares the text of each value with the document's (true as "True", 1.0 as "1"): so does this.
        return values is JArray array && array.All(v => v is JValue) && document is JValue
            ? array.Any(v => string.Equals(v.ToString(), document.ToString(), StringComparison.Ordinal)) ? Verdict.Valid : Verdict.Invalid
            : Verdict.NotSure;
    }

    private static Verdict StringOf(JToken document, JObject schema, JObject root)
    {
        if (document.Type != JTokenType.String)
        {
            return Verdict.Valid;
        }

        string value = (string)document!;
        if (schema["minLength"] is { } minLength && (minLength.Type != JTokenType.Integer || value.Length < (long)minLength))
        {
            return minLength.Type == JTokenType.Integer ? Verdict.Invalid : Verdict.NotSure;
        }

        if (schema["pattern"] is { } pattern)
        {
            return pattern.Type != JTokenType.String ? Verdict.NotSure : SchemaPatterns.IsMatch(value, (string)pattern!) ? Verdict.Valid : Verdict.Invalid;
        }

        return Verdict.Valid;
    }

    private static Verdict NumberOf(JToken document, JObject schema, JObject root)
    {
        if (document.Type is not (JTokenType.Integer or JTokenType.Float))
        {
            return Verdict.Valid;
        }

        try
        {
            // NJsonSchema compares as decimal; so does this, so that a value at the edge gets the same answer.
            decimal value = document.Value<decimal>();
            decimal? minimum = schema["minimum"]?.Value<decimal>();
            decimal? maximum = schema["maximum"]?.Value<decimal>();
            decimal? exclusiveMinimum = schema["exclusiveMinimum"]?.Value<decimal>();
            return value < minimum || value > maximum || value <= exclusiveMinimum ? Verdict.Invalid : Verdict.Valid;
        }
        catch (Exception e) when (e is OverflowException or FormatException or InvalidCastException or ArgumentException)
        {
            return Verdict.NotSure;
        }
    }

    private static Verdict ObjectOf(JToken document, JObject schema, JObject root)
    {
        bool judgesObjects = schema["properties"] is not null || schema["required"] is not null || schema["additionalProperties"] is not null
            || schema["minProperties"] is not null || schema["maxProperties"] is not null || schema["dependencies"] is not null;
        if (!judgesObjects)
        {
            return Verdict.Valid;
        }

        if (document is not JObject obj)
        {
            // NJsonSchema still asks a non-object for its required fields; not judged here.
            return schema["required"] is JArray { Count: > 0 } ? Verdict.NotSure : Verdict.Valid;
        }

        var properties = schema["properties"] as JObject;
        if ((schema["properties"] is not null && properties is null) || properties?.Properties().Any(p => p.Value is not JObject) == true)
        {
            return Verdict.NotSure;
        }

        Verdict verdict = Verdict.Valid;
        if (schema["required"] is { } required)
        {
            if (required is not JArray names || names.Any(n => n.Type != JTokenType.String))
            {
                return Verdict.NotSure;
            }

            if (names.Any(n => obj.Property((string)n!, StringComparison.Ordinal) is null))
            {
                return Verdict.Invalid;
            }
        }

        if (Count(schema["minProperties"]) is { } min && min > 0 && obj.Count < min)
        {
            return Verdict.Invalid;
        }

        if (Count(schema["maxProperties"]) is { } max && max > 0 && obj.Count > max)
        {
            return Verdict.Invalid;
        }

        if ((schema["minProperties"] is not null && Count(schema["minProperties"]) is null) || (schema["maxProperties"] is not null && Count(schema["maxProperties"]) is null))
        {
            verdict = Verdict.NotSure;
        }

        if (schema["dependencies"] is { } dependencies)
        {
            // NJsonSchema's validator does not read dependencies; a document that meets them is fine either way.
            verdict = And(verdict, Dependencies(obj, dependencies));
        }

        foreach (JProperty property in obj.Properties())
        {
            JToken? own = properties?[property.Name];
            Verdict each = own is JObject propertySchema ? Judge(property.Value, propertySchema, root) : Additional(property.Value, schema["additionalProperties"], root);
            verdict = And(verdict, each);
            if (verdict == Verdict.Invalid)
            {
                return verdict;
            }
        }

        return verdict;
    }

    private static Verdict Dependencies(JObject obj, JToken dependencies)
    {
        if (dependencies is not JObject byName)
        {
            return Verdict.NotSure;
        }

        foreach (JProperty dependency in byName.Properties())
        {
            if (obj.Property(dependency.Name, StringComparison.Ordinal) is null)
            {
                continue;
            }

            if (dependency.Value is not JArray needed || needed.Any(n => n.Type != JTokenType.String || obj.Property((string)n!, StringComparison.Ordinal) is null))
            {
                return Verdict.NotSure;
            }
        }

        return Verdict.Valid;
    }

    private static Verdict Additional(JToken value, JToken? additional, JObject root) => additional switch
    {
        null => Verdict.Valid,
        JValue { Type: JTokenType.Boolean } allowed => (bool)allowed ? Verdict.Valid : Verdict.Invalid,
        JObject additionalSchema => Judge(value, additionalSchema, root),
        _ => Verdict.NotSure,
    };

    private static Verdict ArrayOf(JToken document, JObject schema, JObject root)
    {
        if (document is not JArray array)
        {
            return Verdict.Valid;
        }

        if (Count(schema["minItems"]) is { } min && min > 0 && array.Count < min)
        {
            return Verdict.Invalid;
        }

        if (Count(schema["maxItems"]) is { } max && max > 0 && array.Count > max)
        {
            return Verdict.Invalid;
        }

        Verdict verdict = (schema["minItems"] is not null && Count(schema["minItems"]) is null) || (schema["maxItems"] is not null && Count(schema["maxItems"]) is null)
            ? Verdict.NotSure
            : Verdict.Valid;
        if (schema["uniqueItems"] is { } unique)
        {
            if (unique.Type != JTokenType.Boolean)
            {
                return Verdict.NotSure;
            }

            if ((bool)unique! && array.Select(item => item.ToString()).Distinct(StringComparer.Ordinal).Count() != array.Count)
            {
                return Verdict.Invalid;
            }
        }

        if (schema["items"] is { } items)
        {
            if (items is not JObject itemSchema)
            {
                return Verdict.NotSure;
            }

            foreach (JToken item in array)
            {
                verdict = And(verdict, Judge(item, itemSchema, root));
                if (verdict == Verdict.Invalid)
                {
                    return verdict;
                }
            }
        }

        return verdict;
    }

    private static long? Count(JToken? token) => token?.Type == JTokenType.Integer ? (long)token : null;
}
