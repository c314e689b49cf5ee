using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace UsocHil.Configuration;

/// <summary>
/// One schema of the configuration files (or one of its definitions): its JSON, read at once, for the quick
/// <see cref="SchemaAdmission"/>; and the NJsonSchema model, built only when a document may have problems to report.
/// </summary>
internal sealed class ConfigurationSchema
{
    private readonly JObject _root;
    private readonly JObject _node;
    private readonly Lazy<JsonSchema> _model;

    public ConfigurationSchema(JObject root, Func<JsonSchema> model)
        : this(root, root, new Lazy<JsonSchema>(model))
    {
    }

    private ConfigurationSchema(JObject root, JObject node, Lazy<JsonSchema> model)
    {
        _root = root;
        _node = node;
        _model = model;
    }

    /// <summary>NJsonSchema's model: what every reported problem comes from.</summary>
    public JsonSchema Model => _model.Value;

    /// <summary>A definition of this schema (<c>#/definitions/name</c>), judged against the same root.</summary>
    public ConfigurationSchema Definition(string name) =>
        new(_root, (JObject)_root["definitions"]![name]!, new Lazy<JsonSchema>(() => _model.Value.Definitions[name]));

    /// <summary>True when the document surely passes; false when it may not (NJsonSchema then says what is wrong).</summary>
    public bool Admits(JToken document) => SchemaAdmission.Judge(document, _node, _root) == SchemaAdmission.Verdict.Valid;
}
