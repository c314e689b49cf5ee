using Serilog;
using UsocHil.Expectations;
using UsocHil.Links;
using UsocHil.Description;

namespace UsocHil.Rigs;

/// <summary>
/// One open rig for one run: the payload channel, the GPIO lines and the instruments, plus what a run needs around
/// them: a telemetry cache, the continuous limit monitor (a red limit raises an alarm on the report that confirms it),
/// a heartbeat so the payload's watchdog does not trip during long waits, and reboot and link-loss detection.
/// Given <see cref="RigSessionOptions.ReopenPayload"/>, a lost payload channel can be replaced by a new one.
/// Disposing it stops the heartbeat and closes everything it was given.
/// </summary>
public sealed class RigSession : IReconnectableRigSession
{
    private readonly SemaphoreSlim _reconnectGate = new(1, 1);
    private IPayloadChannel _payload;
    private IPayloadChannel? _closed;
    private readonly IRigLines _lines;
    private readonly IRigInstruments _instruments;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly LimitMonitor _limits;
    private readonly Lock _limitGate = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _heartbeat;
    private readonly IAsyncDisposable[] _owned;
    private readonly Dictionary<string, int> _inhibited = new(StringComparer.Ordinal);
    private int _lost;
    private long _lastReportCount;
    private long _lastReportAt;

    public RigSession(RigDefinition rig, IPayloadChannel payload, IRigLines lines, IRigInstruments instruments, TimeProvider time, ILogger log, RigSessionOptions? options = null, params IAsyncDisposable[] alsoOwned)
    {
        Rig = rig;
        _payload = payload;
        _lines = lines;
        _instruments = instruments;
        _time = time;
        _log = log.ForContext(nameof(Rig), rig.Name);
        _owned = alsoOwned;
        Options = options ?? new RigSessionOptions();
        _limits = new LimitMonitor(rig.Limits);
        Listen(_payload);
        _heartbeat = Options.HeartbeatCommand is null ? Task.CompletedTask : HeartbeatAsync(_stopping.Token);
    }

    public RigDefinition Rig { get; }

    public RigSessionOptions Options { get; }

    public TelemetryCache Telemetry { get; } = new();

    public event Action<RigAlarm>? Alarm;

    /// <summary>Raises an alarm for a payload link that broke before this session listened (after the run attached).</summary>
    public void CheckLinkAlive()
    {
        if (_payload.LostWith is { } lost)
        {
            OnLost(lost);
        }
    }

    public bool CanReconnectPayload => Options.ReopenPayload is not null;

    public async Task ReconnectPayloadAsync(CancellationToken cancellationToken)
    {
        Func<CancellationToken, Task<IPayloadChannel>> reopen = Options.ReopenPayload
            ?? throw new LinkException(Rig.Name, "the payload binding cannot be reopened");
        await _reconnectGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // While an attempt runs, the old channel's death and the silence it left raise no further alarms.
            Volatile.Write(ref _lost, 1);
            IPayloadChannel old = Volatile.Read(ref _payload);
            Ignore(old);
            if (!ReferenceEquals(old, _closed))
            {
                _closed = old;
                await CloseLostAsync(old).ConfigureAwait(false);
            }

            IPayloadChannel fresh = await reopen(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _payload, fresh);
            Listen(fresh);

            // Alive means it answers a command, not merely that a socket or a tty opened.
            if (Options.HeartbeatCommand is { } alive)
            {
                await fresh.SendAsync(alive, new Dictionary<string, double>(), cancellationToken).ConfigureAwait(false);
            }

            if (fresh.LostWith is { } lostAgain)
            {
                throw new LinkClosedException(Rig.Name, "the payload link broke again straight after reconnecting", lostAgain);
            }

            Interlocked.Exchange(ref _lastReportAt, _time.GetTimestamp());
            Interlocked.Exchange(ref _lastReportCount, Telemetry.ReportCount);
            Volatile.Write(ref _lost, 0);
            _log.Information("Payload link reconnected; {Command} answered", Options.HeartbeatCommand);
        }
        finally
        {
            _reconnectGate.Release();
        }
    }

    public Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken) => _lines.SetAsync(line, asserted, cancellationToken);

    public Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken) => _lines.ReadAsync(line, cancellationToken);

    public Task<CommandRecord> SendCommandAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken) =>
        _payload.SendAsync(command, arguments, cancellationToken);

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) =>
        _payload.SetParametersAsync(values, cancellationToken);

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        _payload.ReadParametersAsync(names, cancellationToken);

    public async Task SendRawPacketAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        RawPacketPort port = Volatile.Read(ref _payload) is RawPacketChannel raw
            ? raw.Port
            : throw new NotSupportedException($"{Rig.Name}: this rig session has no raw packet path");
        _log.Warning("Raw packet of {Length} octets sent on {Endpoint}, outside the dictionary: {Octets}", packet.Length, port.Endpoint, Convert.ToHexString(packet.Span));
        await port.SendAsync(packet, cancellationToken).ConfigureAwait(false);
    }

    public Task WriteInstrumentAsync(string instrument, string command, CancellationToken cancellationToken) =>
        _instruments.WriteAsync(instrument, command, cancellationToken);

    public Task<string> QueryInstrumentAsync(string instrument, string query, CancellationToken cancellationToken) =>
        _instruments.QueryAsync(instrument, query, cancellationToken);

    public IDisposable InhibitLimits(IReadOnlyList<string> parameters)
    {
        lock (_limitGate)
        {
            foreach (string parameter in parameters)
            {
                _inhibited[parameter] = _inhibited.GetValueOrDefault(parameter) + 1;
            }
        }

        _log.Warning("Red limits inhibited on {Parameters}", parameters);
        return new Inhibition(this, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        Ignore(_payload);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        IAsyncDisposable[] parts = ReferenceEquals(_payload, _closed) ? [_lines, _instruments] : [_payload, _lines, _instruments];
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

        _stopping.Dispose();
        _reconnectGate.Dispose();
    }

    internal void Release(IReadOnlyList<string> parameters)
    {
        lock (_limitGate)
        {
            foreach (string parameter in parameters)
            {
                _inhibited[parameter] = _inhibited.GetValueOrDefault(parameter) - 1;
            }
        }

        _log.Information("Red limits on {Parameters} enforced again", parameters);
    }

    private void Listen(IPayloadChannel payload)
    {
        payload.Housekeeping += OnHousekeeping;
        payload.DeviceEvent += OnDeviceEvent;
        payload.Lost += OnLost;
    }

    private void Ignore(IPayloadChannel payload)
    {
        payload.Housekeeping -= OnHousekeeping;
        payload.DeviceEvent -= OnDeviceEvent;
        payload.Lost -= OnLost;
    }

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

    private void OnHousekeeping(IReadOnlyList<TelemetrySample> samples)
    {
        Telemetry.Publish(samples);
        List<LimitTransition>? transitions = null;
        lock (_limitGate)
        {
            foreach (TelemetrySample sample in samples)
            {
                if (_limits.Observe(sample.Parameter, sample.Value, out LimitTransition transition))
                {
                    (transitions ??= []).Add(transition);
                }
            }
        }

        foreach (LimitTransition transition in transitions ?? [])
        {
            DateTimeOffset at = samples[0].RigTime;
            bool inhibited;
            lock (_limitGate)
            {
                inhibited = _inhibited.GetValueOrDefault(transition.Parameter) > 0;
            }

            if (transition.IsRed && !inhibited)
            {
                _log.Error("Red limit: {Parameter} = {Value} (from {From})", transition.Parameter, transition.Value, transition.From);
                Alarm?.Invoke(new RigAlarm(RigAlarmKind.HardLimitViolated, transition.Parameter, $"{transition.Parameter} = {transition.Value:G6} outside its red limit", at));
            }
            else
            {
                _log.Warning("Limit {Parameter} {From} -> {To} at {Value}", transition.Parameter, transition.From, transition.To, transition.Value);
                Alarm?.Invoke(new RigAlarm(RigAlarmKind.Warning, transition.Parameter, $"{transition.Parameter} {transition.From} -> {transition.To} at {transition.Value:G6}", at));
            }
        }
    }

    private void OnDeviceEvent(string name, DateTimeOffset at)
    {
        _log.Information("Device event {Event}", name);
        // Housekeeping only flows once the payload has booted, so a boot after reports arrived is a reboot under the run.
        if (name == Options.BootEvent && Telemetry.ReportCount > 0)
        {
            Alarm?.Invoke(new RigAlarm(RigAlarmKind.DeviceRebooted, Rig.Name, $"{name}: the payload restarted; volatile parameters are lost", at));
        }
        else
        {
            Alarm?.Invoke(new RigAlarm(RigAlarmKind.Warning, Rig.Name, $"event {name}", at));
        }
    }

    private void OnLost(Exception error)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            _log.Error(error, "Payload link lost");
            Alarm?.Invoke(new RigAlarm(RigAlarmKind.LinkLost, "payload", error.Message, _time.GetUtcNow()));
        }
    }

    /// <summary>A link that goes quiet (a serial line whose far end stopped, a half-open socket) raises no error: silence does.</summary>
    private void CheckSilence()
    {
        long reports = Telemetry.ReportCount;
        long now = _time.GetTimestamp();
        if (reports != _lastReportCount || reports == 0)
        {
            _lastReportCount = reports;
            _lastReportAt = now;
            return;
        }

        TimeSpan silent = _time.GetElapsedTime(_lastReportAt, now);
        if (silent > Options.SilenceTimeout)
        {
            OnLost(new LinkTimeoutException("payload", $"no housekeeping for {silent.TotalSeconds:F0} s of rig time"));
        }
    }

    /// <summary>
    /// Feeds the payload's watchdog and watches for silence. A heartbeat is not awaited by the loop: over a link that is
    /// reconnecting underneath (TCP), one send can wait for minutes of rig time, and silence must still be noticed.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        Task sending = Task.CompletedTask;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.HeartbeatInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            CheckSilence();
            if (Telemetry.ReportCount > 0 && sending.IsCompleted)
            {
                sending = SendHeartbeatAsync(cancellationToken);
            }
        }

        await sending.ConfigureAwait(false);
    }

    private async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Volatile.Read(ref _payload).SendAsync(Options.HeartbeatCommand!, new Dictionary<string, double>(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A missed heartbeat is not an alarm by itself: a dead link reports itself through Lost or through silence.
            _log.Debug(ex, "Heartbeat {Command} failed", Options.HeartbeatCommand);
        }
        catch (OperationCanceledException)
        {
            // The session is closing.
        }
    }
}

/// <summary>Ends one limit inhibition.</summary>
file sealed class Inhibition(RigSession session, IReadOnlyList<string> parameters) : IDisposable
{
    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            session.Release(parameters);
        }
    }
}

/// <summary>How a rig session keeps the payload's watchdog fed and recognises a reboot.</summary>
public sealed record RigSessionOptions
{
    /// <summary>A harmless command sent periodically (the furnace: ARE_YOU_ALIVE); null for none.</summary>
    public string? HeartbeatCommand { get; init; } = "ARE_YOU_ALIVE";

    /// <summary>Rig time between heartbeats: well inside the payload's watchdog timeout.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Rig time without housekeeping, once it has flowed, after which the payload link counts as lost.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The event the payload raises when it has booted.</summary>
    public string BootEvent { get; init; } = "BOOT_COMPLETE";

    /// <summary>
    /// Opens a new payload channel on the same binding, for reconnecting after a loss (TCP, a serial device that
    /// comes back); null when the binding cannot be reopened.
    /// </summary>
    public Func<CancellationToken, Task<IPayloadChannel>>? ReopenPayload { get; init; }
}
