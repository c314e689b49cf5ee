using ILogger = Serilog.ILogger;

namespace UsocHil.Monitor;

/// <summary>The monitor's bounds on what outsiders can take (connections, event streams) and the refusals counted.</summary>
internal sealed class MonitorGuards
{
    public MonitorGuards(MonitorOptions options, ILogger log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEventStreams, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxConnections, options.MaxEventStreams);
        Refusals = new RefusalLog(log, options.Time);
        Connections = new ConnectionLimit(options.MaxConnections, Refusals, options.Time);
        Streams = new EventStreamLimit(options.MaxEventStreams, Refusals);
    }

    public RefusalLog Refusals { get; }

    public ConnectionLimit Connections { get; }

    public EventStreamLimit Streams { get; }
}
