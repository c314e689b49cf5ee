namespace UsocHil.Timelines;

/// <summary>A timeline that cannot be read or written at all (a missing file, one that is not a timeline); names the file.</summary>
public sealed class TimelineException(string path, string reason, Exception? inner = null) : Exception($"{path}: {reason}", inner)
{
    public string Path { get; } = path;
}
