using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.Sealing;

/// <summary>The anchor's line format, generated at build time: compact, camel-case, base64 written as is (no <c>\u002B</c>).</summary>
[JsonSerializable(typeof(AnchorEntry.Line))]
internal sealed partial class AnchorJson : JsonSerializerContext
{
    public static AnchorJson Lines { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
