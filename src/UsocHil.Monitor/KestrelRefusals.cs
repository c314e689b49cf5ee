using Microsoft.Extensions.Logging;

namespace UsocHil.Monitor;

/// <summary>
/// Requests Kestrel refuses itself before any middleware sees them (a malformed request line, headers too large, a
/// client too slow to send its body) are reported only to Kestrel's "BadRequests" log category: this provider turns
/// them into counted refusals, so they are logged once and counted like every other refusal, not lost.
/// </summary>
internal sealed class KestrelRefusals(RefusalLog refusals) : ILoggerProvider
{
    public const string Category = "Microsoft.AspNetCore.Server.Kestrel.BadRequests";

    public ILogger CreateLogger(string categoryName) =>
        categoryName == Category ? new Counter(refusals) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Counter(RefusalLog refusals) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            refusals.Refuse(RefusalKind.BadRequest, "a client", exception?.Message ?? formatter(state, exception));
    }
}
