using Serilog;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>
/// Holds the rig session's current payload channel, so that everything above it (commands, parameters, raw packets,
/// the heartbeat) reaches the payload over whichever channel is alive now. Its events are those of the current channel:
/// on reconnection the lost channel is closed within a bound and stops being heard, a new one is opened and heard, and
/// it must answer the heartbeat command before it counts as back.
/// </summary>
internal sealed class PayloadConnection : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, double> NoArguments = new Dictionary<string, double>();

    private readonly SemaphoreSlim _reopenGate = new(1, 1);
    private readonly string _rigName;
    private readonly Func<CancellationToken, Task<IPayloadChannel>>? _reopen;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private IPayloadChannel _current;
    private IPayloadChannel? _closed;

    public PayloadConnection(string rigName, IPayloadChannel first, Func<CancellationToken, Task<IPayloadChannel>>? reopen, TimeProvider time, ILogger log)
    {
        _rigName = rigName;
        _current = first;
        _reopen = reopen;
        _time = time;
        _log = log;
        Listen(first);
    }

    /// <summary>A housekeeping or parameter report from the current channel.</summary>
    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;

    /// <summary>A payload event from the current channel.</summary>
    public event Action<string, DateTimeOffset>? DeviceEvent;

    /// <summary>The current channel broke.</summary>
    public event Action<Exception>? Lost;

    /// <summary>A space packet read from or written to the current channel's link (channels with a raw packet path).</summary>
    public event Action<CapturedPacket>? Packet;

    public IPayloadChannel Current => Volatile.Read(ref _current);

    /// <summary>Why the current channel broke, if it already has.</summary>
    public Exception? LostWith => Current.LostWith;

    public bool CanReopen => _reopen is not null;

    public Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken) =>
        Current.SendAsync(command, arguments, cancellationToken);

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) =>
        Current.SetParametersAsync(values, cancellationToken);

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Current.ReadParametersAsync(names, cancellationToken);

    /// <summary>Sends one whole packet verbatim on the current channel's link, logged as a warning; throws when the channel has no raw path.</summary>
    public async Task SendRawPacketAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        RawPacketPort port = Current is RawPacketChannel raw
            ? raw.Port
            : throw new NotSupportedException($"{_rigName}: this rig session has no raw packet path");
        _log.Warning("Raw packet of {Length} octets sent on {Endpoint}, outside the dictionary: {Octets}", packet.Length, port.Endpoint, Convert.ToHexString(packet.Span));
        await port.SendAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the current channel: closes it (if not closed already), opens a new one, listens to it and, given
    /// <paramref name="aliveCommand"/>, checks the payload answers it. One attempt; throws when the payload cannot be reached.
    /// </summary>
    public async Task ReopenAsync(string? aliveCommand, CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<IPayloadChannel>> reopen = _reopen
            ?? throw new LinkException(_rigName, "the payload binding cannot be reopened");
        await _reopenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IPayloadChannel old = Current;
            Ignore(old);
            if (!ReferenceEquals(old, _closed))
            {
                _closed = old;
                await CloseLostAsync(old).ConfigureAwait(false);
            }

            IPayloadChannel fresh = await reopen(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, fresh);
            Listen(fresh);

            // Alive means it answers a command, not merely that a socket or a tty opened.
            if (aliveCommand is not null)
            {
                await fresh.SendAsync(aliveCommand, NoArguments, cancellationToken).ConfigureAwait(false);
            }

            if (fresh.LostWith is { } lostAgain)
            {
                throw new LinkClosedException(_rigName, "the payload link broke again straight after reconnecting", lostAgain);
            }
        }
        finally
        {
            _reopenGate.Release();
        }
    }

    /// <summary>Stops hearing the current channel and closes it, unless a failed reconnection closed it already.</summary>
    public async ValueTask DisposeAsync()
    {
        IPayloadChannel current = Current;
        Ignore(current);
        try
        {
            if (!ReferenceEquals(current, _closed))
            {
                await current.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _reopenGate.Dispose();
        }
    }

    private void Listen(IPayloadChannel channel)
    {
        channel.Housekeeping += OnHousekeeping;
        channel.DeviceEvent += OnDeviceEvent;
        channel.Lost += OnLost;
        if (channel is RawPacketChannel raw)
        {
            raw.Packet += OnPacket;
        }
    }

    private void Ignore(IPayloadChannel channel)
    {
        channel.Housekeeping -= OnHousekeeping;
        channel.DeviceEvent -= OnDeviceEvent;
        channel.Lost -= OnLost;
        if (channel is RawPacketChannel raw)
        {
            raw.Packet -= OnPacket;
        }
    }

    private void OnHousekeeping(IReadOnlyList<TelemetrySample> samples) => Housekeeping?.Invoke(samples);

    private void OnDeviceEvent(string name, DateTimeOffset at) => DeviceEvent?.Invoke(name, at);

    private void OnLost(Exception error) => Lost?.Invoke(error);

    private void OnPacket(CapturedPacket packet) => Packet?.Invoke(packet);

    /// <summary>Closes a dead channel within a bound: a link whose peer vanished must not hold the reconnection up.</summary>
    private async Task CloseLostAsync(IPayloadChannel lost)
    {
        try
        {
            await lost.DisposeAsync().AsTask().WaitAsync(TransportTime.OnClock(_time, TimeSpan.FromSeconds(5)), _time).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "Closing the lost payload channel failed; opening a new one anyway");
        }
    }
}
