using UsocHil.Description;

namespace UsocHil.Timelines;

/// <summary>
/// <c>usoc-hil timeline import</c>: reads flight history files of one format into one timeline for a rig. The formats
/// are <c>packets</c> (concatenated space packets), <c>csv</c> (a command history) and <c>replay</c> (replay text);
/// <see cref="FormatOf"/> guesses one from a file name. Bad and unknown entries are counted, never fatal; a file that
/// cannot be opened is a <see cref="TimelineException"/>.
/// </summary>
public static class TimelineImport
{
    private static readonly Dictionary<string, Func<string, TimelineBuilder, TimelinePacketReader, RigDefinition, string>> s_formats = new(StringComparer.Ordinal)
    {
        ["packets"] = (path, into, packets, _) => PacketDumpFormat.Read(path, into, packets),
        ["csv"] = (path, into, _, rig) => CommandHistoryFormat.Read(path, into, rig),
        ["replay"] = (path, into, packets, _) => ReplayTextFormat.Read(path, into, packets),
    };

    public static IReadOnlyCollection<string> Formats => s_formats.Keys;

    /// <summary>csv for .csv, replay for .txt, else packets.</summary>
    public static string FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => "csv",
        ".txt" => "replay",
        _ => "packets",
    };

    public static FlightTimeline Import(IReadOnlyList<string> files, string format, RigDefinition rig, CdsTimeFields? cdsTime = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(rig);
        if (!s_formats.TryGetValue(format, out var read))
        {
            throw new ArgumentException($"timeline format '{format}' is not one of {string.Join(", ", s_formats.Keys)}", nameof(format));
        }

        var into = new TimelineBuilder();
        var packets = new TimelinePacketReader(rig, cdsTime);
        string method = "";
        foreach (string file in files)
        {
            try
            {
                method = read(file, into, packets, rig);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new TimelineException(file, $"cannot read it: {e.Message}", e);
            }
        }

        return into.Build(rig.Name, format, [.. files.Select(Path.GetFileName).OfType<string>()], method);
    }
}
