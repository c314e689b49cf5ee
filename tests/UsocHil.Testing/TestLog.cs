using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace UsocHil.Testing;

/// <summary>A Serilog logger that keeps every event, for tests that check what was logged.</summary>
public sealed class TestLog : ILogEventSink
{
    private readonly List<LogEvent> _events = [];

    public TestLog(LogEventLevel minimum = LogEventLevel.Verbose)
    {
        Logger = new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(this).CreateLogger();
    }

    public ILogger Logger { get; }

    public IReadOnlyList<LogEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public static ILogger Silent { get; } = new LoggerConfiguration().CreateLogger();

    public void Emit(LogEvent logEvent)
    {
        lock (_events)
        {
            _events.Add(logEvent);
        }
    }
}
