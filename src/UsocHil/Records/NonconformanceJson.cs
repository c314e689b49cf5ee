using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.Records;

/// <summary>
/// A nonconformance draft's file format, generated at build time: indented, camel-case, text written as is. A reader
/// built by reflection was the last thing a run did before it exited (figure 6 of docs/PERFORMANCE.md).
/// </summary>
[JsonSerializable(typeof(NonconformanceDraft))]
internal sealed partial class NonconformanceJson : JsonSerializerContext
{
    public static NonconformanceJson Files { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
