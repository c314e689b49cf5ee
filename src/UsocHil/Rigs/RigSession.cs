using UsocHil.Time;
using Serilog;
using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>
/// One open rig for one run: the payload channel, the GPIO lines and the instruments, plus what a run needs around
/// them: a telemetry cache, the continuous limit check (<see cref="LimitGuard"/>), the heartbeat and the watch for
/// silence, link loss and reboots (<see cref="PayloadWatchdog"/>), and, given <see cref="RigSessionOptions.ReopenPayload"/>,
/// a payload channel that can be replaced after a loss (<see cref="PayloadConnection"/>).
/// Disposing it stops the heartbeat and closes everything it was given.
/// </summary>
public sealed class RigSession : IReconnectableRigSession
{
    private readonly PayloadConnection _payload;
    private readonly PayloadWatchdog _watchdog;
    private readonly LimitGuard _limits;
    private readonly IRigLines _lines;
    private readonly IRigInstruments _instruments;
    private readonly ILogger _log;
    private readonly IAsyncDisposable[] _owned;
    private readonly VirtualTimeProvider? _pacedClock;

    public RigSession(RigDefinition rig, IPayloadChannel payload, IRigLines lines, IRigInstruments instruments, TimeProvider time, ILogger log, RigSessionOptions? options = null, params IAsyncDisposable[] alsoOwned)
    {
        Rig = rig;
        _lines = lines;
        _instruments = instruments;
        _log = log.ForContext(nameof(Rig), rig.Name);
        _owned = alsoOwned;
        _pacedClock = time as VirtualTimeProvider;
        Options = options ?? new RigSessionOptions();
        _limits = new LimitGuard(rig.Limits, Raise, _log);
        _payload = new PayloadConnection(rig.Name, payload, Options.ReopenPayload, time, _log);
        TimeSpan silence = Options.SilenceTimeout ?? TimeSpan.FromSeconds(rig.Session.SilenceSeconds);
        _watchdog = new PayloadWatchdog(rig.Name, rig.Session, silence, Telemetry, (command, arguments, ct) => HeldAsync(() => _payload.SendAsync(command, arguments, ct)), Raise, time, _log);
        _payload.Housekeeping += OnHousekeeping;
        _payload.DeviceEvent += _watchdog.OnDeviceEvent;
        _payload.Lost += _watchdog.OnLost;
        _watchdog.Start();
    }

    public RigDefinition Rig { get; }

    public RigSessionOptions Options { get; }

    public TelemetryCache Telemetry { get; } = new();

    public event Action<RigAlarm>? Alarm;

    /// <summary>Every space packet the payload link carried, either way, as it crossed (for the raw packet archive).</summary>
    public event Action<CapturedPacket>? Packet
    {
        add => _payload.Packet += value;
        remove => _payload.Packet -= value;
    }

    /// <summary>Raises an alarm for a payload link that broke before this session listened (after the run attached).</summary>
    public void CheckLinkAlive()
    {
        if (_payload.LostWith is { } lost)
        {
            _watchdog.OnLost(lost);
        }
    }

    public bool CanReconnectPayload => _payload.CanReopen;

    public async Task ReconnectPayloadAsync(CancellationToken cancellationToken)
    {
        _watchdog.Suspend();
        await _payload.ReopenAsync(_watchdog.HeartbeatCommand, cancellationToken).ConfigureAwait(false);
        _watchdog.Resume();
        _log.Information("Payload link reconnected; {Command} answered", _watchdog.HeartbeatCommand);
    }

    public Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken) =>
        HeldAsync(() => _lines.SetAsync(line, asserted, cancellationToken));

    public Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken) => HeldAsync(() => _lines.ReadAsync(line, cancellationToken));

    public Task<CommandRecord> SendCommandAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken) =>
        HeldAsync(() => _payload.SendAsync(command, arguments, cancellationToken));

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) =>
        HeldAsync(() => _payload.SetParametersAsync(values, cancellationToken));

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        HeldAsync(() => _payload.ReadParametersAsync(names, cancellationToken));

    public Task SendRawPacketAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken) =>
        _payload.SendRawPacketAsync(packet, cancellationToken);

    public Task WriteInstrumentAsync(string instrument, string command, CancellationToken cancellationToken) =>
        HeldAsync(() => _instruments.WriteAsync(instrument, command, cancellationToken));

    public Task<string> QueryInstrumentAsync(string instrument, string query, CancellationToken cancellationToken) =>
        HeldAsync(() => _instruments.QueryAsync(instrument, query, cancellationToken));

    public IDisposable InhibitLimits(IReadOnlyList<string> parameters) => _limits.Inhibit(parameters);

    public async ValueTask DisposeAsync()
    {
        _payload.Housekeeping -= OnHousekeeping;
        _payload.DeviceEvent -= _watchdog.OnDeviceEvent;
        _payload.Lost -= _watchdog.OnLost;
        await _watchdog.DisposeAsync().ConfigureAwait(false);
        IAsyncDisposable[] parts = [_payload, _lines, _instruments];
        foreach (IAsyncDisposable owned in parts.Concat(_owned))
        {
            try
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _log.Warning(ex, "Closing {Part} failed", owned.GetType().Name);
            }
        }
    }

    private void OnHousekeeping(IReadOnlyList<TelemetrySample> samples)
    {
        // Limits see the report before a waiting step does, which then judges it on this thread.
        Telemetry.Store(samples);
        _limits.Observe(samples);
        _pacedClock?.ReportFollowed();
        Telemetry.WakeWaiters();
    }

    private void Raise(RigAlarm alarm) => Alarm?.Invoke(alarm);

    /// <summary>An exchange with the rig: on a clock shared with an in-process emulator, rig time waits for its round trip.</summary>
    private async Task HeldAsync(Func<Task> exchange)
    {
        using IDisposable? hold = _pacedClock?.HoldForExchange();
        await exchange().ConfigureAwait(false);
    }

    private async Task<T> HeldAsync<T>(Func<Task<T>> exchange)
    {
        using IDisposable? hold = _pacedClock?.HoldForExchange();
        return await exchange().ConfigureAwait(false);
    }
}
