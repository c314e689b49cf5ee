namespace UsocHil.Sealing;

/// <summary>A station key or anchor file that cannot be used: missing, unreadable, exposed to other users or malformed.</summary>
public sealed class SealingException(string path, string message, Exception? innerException = null)
    : Exception($"{path}: {message}", innerException)
{
    /// <summary>The key or anchor file.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, without the path.</summary>
    public string Reason { get; } = message;
}
