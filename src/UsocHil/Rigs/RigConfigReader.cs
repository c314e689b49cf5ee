using System.Text.Json;
using System.Text.Json.Serialization;

namespace UsocHil.Rigs;

/// <summary>Reads rig.json and rig-config.json into their records; a bad file becomes a <see cref="RigConfigException"/> naming file, path and line.</summary>
public static class RigConfigReader
{
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static RigDefinition ReadRig(string path) => Read<RigDefinition>(path);

    public static StationConfig ReadStation(string path) => Read<StationConfig>(path);

    /// <summary>The rig file of a named rig beside a station file: &lt;station dir&gt;/&lt;rigs dir&gt;/&lt;rig&gt;/rig.json.</summary>
    public static string RigDirectory(string stationPath, StationConfig station, string rig) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(stationPath)) ?? ".", station.RigsDirectory, rig);

    private static T Read<T>(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, JsonOptions) ?? throw new RigConfigException(path, "$", null, "the file is empty (null)");
        }
        catch (JsonException ex)
        {
            throw new RigConfigException(path, ex.Path ?? "$", ex.LineNumber + 1, ex.Message);
        }
        catch (IOException ex)
        {
            throw new RigConfigException(path, "$", null, ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new RigConfigException(path, "$", null, ex.Message);
        }
    }
}

/// <summary>A configuration file could not be read: the file, the JSON path and the 1-based line.</summary>
public sealed class RigConfigException(string file, string jsonPath, long? line, string message)
    : Exception($"{file}{(line is null ? "" : $":{line}")}: {jsonPath}: {message}")
{
    public string File { get; } = file;
    public string JsonPath { get; } = jsonPath;
    public long? Line { get; } = line;
}
