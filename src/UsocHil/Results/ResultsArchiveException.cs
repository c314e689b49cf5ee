namespace UsocHil.Results;

/// <summary>The archive file is missing, not a UsocHil archive, corrupt, or a run asked for is not in it.</summary>
public sealed class ResultsArchiveException(string path, string message, Exception? innerException = null)
    : Exception($"{path}: {message}", innerException)
{
    /// <summary>The archive file.</summary>
    public string Path { get; } = path;
}
