using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.Timelines;

/// <summary>A timeline file: the <see cref="FlightTimeline"/> as JSON (camelCase, indented), read back by <c>reproduce</c>.</summary>
public static class TimelineJson
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(FlightTimeline timeline, string path)
    {
        try
        {
            using FileStream f = File.Create(path);
            JsonSerializer.Serialize(f, timeline, s_options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TimelineException(path, $"cannot write the timeline: {e.Message}", e);
        }
    }

    public static FlightTimeline Read(string path)
    {
        try
        {
            using FileStream f = File.OpenRead(path);
            return JsonSerializer.Deserialize<FlightTimeline>(f, s_options) ?? throw new TimelineException(path, "not a timeline (null)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TimelineException(path, $"cannot read the timeline: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new TimelineException(path, $"not a timeline: {e.Message}", e);
        }
    }
}
