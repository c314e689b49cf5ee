namespace UsocHil.Monitor;

/// <summary>The kinds of request the monitor turns away, as they appear in its log and in <see cref="RefusalLog"/>.</summary>
internal static class RefusalKind
{
    public const string ConnectionLimit = "connection limit";
    public const string EventStreamLimit = "event-stream limit";
    public const string Host = "foreign Host";
    public const string Origin = "foreign origin";
    public const string Token = "missing or wrong abort token";
    public const string ReadOnly = "read-only monitor";
    public const string RateLimit = "rate limit";
    public const string BadRequest = "malformed or oversized request";
    public const string ServerFault = "monitor fault";
}
