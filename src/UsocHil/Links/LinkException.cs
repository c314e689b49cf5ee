namespace UsocHil.Links;

/// <summary>Any failure of a link: the one error type the rest of the harness handles for broken wires.</summary>
public class LinkException : Exception
{
    public LinkException(string endpoint, string message, Exception? innerException = null)
        : base($"{endpoint}: {message}", innerException)
    {
        Endpoint = endpoint;
    }

    /// <summary>The device path or address of the link that failed.</summary>
    public string Endpoint { get; }
}

/// <summary>The peer closed, reset or vanished (an unplugged USB adapter, a TCP reset, a pty whose other side closed).</summary>
public sealed class LinkClosedException(string endpoint, string message, Exception? innerException = null)
    : LinkException(endpoint, message, innerException);

/// <summary>The peer did not answer within the caller's time.</summary>
public sealed class LinkTimeoutException(string endpoint, string message, Exception? innerException = null)
    : LinkException(endpoint, message, innerException);
