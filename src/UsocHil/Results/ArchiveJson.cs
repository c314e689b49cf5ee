using System.Globalization;
using System.Text;
using System.Text.Json;
using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>The small JSON columns (coefficients, fit points, evidence), written and read the same way everywhere. Non-finite numbers become null.</summary>
internal static class ArchiveJson
{
    public static JsonSerializerOptions Options { get; } = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>A list of words (the item kinds a sequence was validated on) as a JSON array; null stays null.</summary>
    public static string? Words(IReadOnlyList<string>? words) => words is null ? null : JsonSerializer.Serialize(words);

    public static IReadOnlyList<string>? ParseWords(string? json) => json is null ? null : JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static string Numbers(IReadOnlyList<double> values)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < values.Count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append(Number(values[i]));
        }

        return sb.Append(']').ToString();
    }

    public static string Points(IReadOnlyList<CalibrationPoint> points)
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < points.Count; i++)
        {
            CalibrationPoint p = points[i];
            sb.Append(i == 0 ? "" : ",").Append('[').Append(Number(p.Raw)).Append(',').Append(Number(p.Reference)).Append(',').Append(Number(p.Residual)).Append(']');
        }

        return sb.Append(']').ToString();
    }

    public static string Evidence(Evidence evidence) => $"{{\"seconds\":{Numbers(evidence.Seconds)},\"values\":{Numbers(evidence.Values)}}}";

    public static IReadOnlyList<double> ParseNumbers(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(ToDouble).ToArray();
    }

    public static IReadOnlyList<CalibrationPoint> ParsePoints(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(p => new CalibrationPoint(ToDouble(p[0]), ToDouble(p[1]), ToDouble(p[2])))
            .ToArray();
    }

    public static Evidence ParseEvidence(string? json)
    {
        if (json is null)
        {
            return Expectations.Evidence.Empty;
        }

        using var doc = JsonDocument.Parse(json);
        return new Evidence(
            doc.RootElement.GetProperty("seconds").EnumerateArray().Select(ToDouble).ToArray(),
            doc.RootElement.GetProperty("values").EnumerateArray().Select(ToDouble).ToArray());
    }

    private static double ToDouble(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;

    private static string Number(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "null";
}
