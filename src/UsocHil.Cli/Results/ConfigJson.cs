using System.Text.Json;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Cli.Results;

/// <summary>
/// Reads the station and rig files with System.Text.Json, enough for the results commands to find the archive and the
/// limits. Stands in until the configuration loader lands; errors name the file.
/// </summary>
internal static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static T Read<T>(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new ResultsArchiveException(path, "empty configuration file");
        }
        catch (JsonException e)
        {
            throw new ResultsArchiveException(path, $"not valid {typeof(T).Name} JSON at line {e.LineNumber + 1}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ResultsArchiveException(path, e.Message, e);
        }
    }

    /// <summary>The archive the station file names, relative to the station file.</summary>
    public static string ArchivePath(FileInfo station)
    {
        StationConfig config = Read<StationConfig>(station.FullName);
        return Path.GetFullPath(Path.Combine(station.DirectoryName ?? ".", config.Results));
    }

    /// <summary>The rig definition of <paramref name="rig"/> at this station, or null when the station or rig file cannot be read.</summary>
    public static RigDefinition? TryRig(FileInfo station, string rig)
    {
        try
        {
            StationConfig config = Read<StationConfig>(station.FullName);
            string path = Path.Combine(station.DirectoryName ?? ".", config.RigsDirectory, rig, "rig.json");
            return File.Exists(path) ? Read<RigDefinition>(path) : null;
        }
        catch (ResultsArchiveException)
        {
            return null;
        }
    }
}
