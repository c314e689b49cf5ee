namespace UsocHil.Rigs;

/// <summary>
/// The payload's data link as the rig session needs it, one protocol level up from bytes: dictionary commands with
/// verification, service 20 parameters, and what the payload says on its own (housekeeping, events, the link dying).
/// Implemented over PusClient for real links; tests may implement it over an in-process bench.
/// </summary>
public interface IPayloadChannel : IAsyncDisposable
{
    /// <summary>A housekeeping report or parameter report, as engineering values at the payload's time stamp.</summary>
    event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;

    /// <summary>A payload event by dictionary name (the rig's boot event, a fault, ...), with its rig time.</summary>
    event Action<string, DateTimeOffset>? DeviceEvent;

    /// <summary>The link broke; nothing more will arrive.</summary>
    event Action<Exception>? Lost;

    /// <summary>Why the link broke, if it already has (it may break before anyone listens to <see cref="Lost"/>).</summary>
    Exception? LostWith { get; }

    Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken);

    Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken);
}

/// <summary>The rig's named discrete lines (logical levels; polarity resolved below this seam).</summary>
public interface IRigLines : IAsyncDisposable
{
    Task SetAsync(string line, bool asserted, CancellationToken cancellationToken);

    Task<bool> ReadAsync(string line, CancellationToken cancellationToken);
}

/// <summary>The rig's SCPI instruments by name; writes check the instrument's error queue.</summary>
public interface IRigInstruments : IAsyncDisposable
{
    Task WriteAsync(string instrument, string command, CancellationToken cancellationToken);

    Task<string> QueryAsync(string instrument, string query, CancellationToken cancellationToken);
}
