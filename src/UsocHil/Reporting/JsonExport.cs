using System.Text.Encodings.Web;
using System.Text.Json;
using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>The whole run record as JSON: the same canonical form the integrity hash is computed over, indented, with the hash.</summary>
public static class JsonExport
{
    public static void Write(RunRecord run, Stream output)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Default });
        RunJson.Write(writer, run, includeRecordHash: true);
    }
}
