using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        Accept = new AcceptGate(
            new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
            options.MaxConnections + ConnectionLimit.RefusingBudget(options.MaxConnections));
        Connections = new ConnectionLimit(options.MaxConnections, Refusals, options.Time, Accept);
        Streams = new EventStreamLimit(options.MaxEventStreams, Refusals);
    }

    public RefusalLog Refusals { get; }

    /// <summary>The transport Kestrel listens with: accepts only as many connections as can be served or refused.</summary>
    public AcceptGate Accept { get; }

    public ConnectionLimit Connections { get; }

    public EventStreamLimit Streams { get; }
}
