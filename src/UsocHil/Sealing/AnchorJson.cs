using System.Text.Json.Serialization;

namespace UsocHil.Sealing;

/// <summary>The anchor's line format, generated at build time: compact, camel-case.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AnchorEntry.Line))]
internal sealed partial class AnchorJson : JsonSerializerContext;
