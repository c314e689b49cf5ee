using Serilog;
using UsocHil.Description;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>
/// Keeps the payload's watchdog fed and watches the payload's side of the link: a heartbeat command every interval
/// while housekeeping flows, a link that fell silent or broke (one link-lost alarm per outage), and a boot event after
/// housekeeping had flowed, which is a reboot under the run. The words (heartbeat command, boot event) are the rig's,
/// from the <c>"session"</c> object of its <c>rig.json</c>.
/// </summary>
internal sealed class PayloadWatchdog : IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, double> NoArguments = new Dictionary<string, double>();

    private readonly string _rigName;
    private readonly string? _heartbeatCommand;
    private readonly TimeSpan _tick;
    private readonly TimeSpan _silenceTimeout;
    private readonly string? _bootEvent;
    private readonly TelemetryCache _telemetry;
    private readonly Func<string, IReadOnlyDictionary<string, double>, CancellationToken, Task> _send;
    private readonly Action<RigAlarm> _raise;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _lost;
    private long _lastReportCount;
    private long _lastReportAt;

    /// <param name="send">Sends a dictionary command on the payload channel in use now (the heartbeat).</param>
    /// <param name="raise">Raises an alarm of the rig session.</param>
    public PayloadWatchdog(
        string rigName,
        SessionDefinition words,
        TimeSpan silenceTimeout,
        TelemetryCache telemetry,
        Func<string, IReadOnlyDictionary<string, double>, CancellationToken, Task> send,
        Action<RigAlarm> raise,
        TimeProvider time,
        ILogger log)
    {
        _rigName = rigName;
        _heartbeatCommand = words.Heartbeat?.Command;
        // Without a heartbeat the loop still wakes often enough to notice silence.
        _tick = words.Heartbeat is { } heartbeat ? TimeSpan.FromSeconds(heartbeat.IntervalSeconds) : silenceTimeout / 3;
        _silenceTimeout = silenceTimeout;
        _bootEvent = words.BootEvent;
        _telemetry = telemetry;
        _send = send;
        _raise = raise;
        _time = time;
        _log = log;
    }

    /// <summary>The command that proves the payload answers (sent after a reconnection); null when the rig has none.</summary>
    public string? HeartbeatCommand => _heartbeatCommand;

    /// <summary>Starts the heartbeat and the silence watch, on the session's clock.</summary>
    public void Start() => _loop = WatchAsync(_stopping.Token);

    /// <summary>The payload raised an event: its boot event after housekeeping had flowed is a reboot.</summary>
    public void OnDeviceEvent(string name, DateTimeOffset at)
    {
        _log.Information("Device event {Event}", name);
        // Housekeeping only flows once the payload has booted, so a boot after reports arrived is a reboot under the run.
        if (name == _bootEvent && _telemetry.ReportCount > 0)
        {
            _raise(new RigAlarm(RigAlarmKind.DeviceRebooted, _rigName, $"{name}: the payload restarted; volatile parameters are lost", at));
        }
        else
        {
            _raise(new RigAlarm(RigAlarmKind.Warning, _rigName, $"event {name}", at));
        }
    }

    /// <summary>The payload link broke: one link-lost alarm per outage, whatever noticed it first.</summary>
    public void OnLost(Exception error)
    {
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            _log.Error(error, "Payload link lost");
            _raise(new RigAlarm(RigAlarmKind.LinkLost, "payload", error.Message, _time.GetUtcNow()));
        }
    }

    /// <summary>A reconnection is under way: the old link's death and the silence it left raise no further alarms.</summary>
    public void Suspend() => Volatile.Write(ref _lost, 1);

    /// <summary>The link is back: silence is counted from now, and the next loss raises an alarm again.</summary>
    public void Resume()
    {
        Interlocked.Exchange(ref _lastReportAt, _time.GetTimestamp());
        Interlocked.Exchange(ref _lastReportCount, _telemetry.ReportCount);
        Volatile.Write(ref _lost, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>A link that goes quiet (a serial line whose far end stopped, a half-open socket) raises no error: silence does.</summary>
    private void CheckSilence()
    {
        long reports = _telemetry.ReportCount;
        long now = _time.GetTimestamp();
        if (reports != Interlocked.Read(ref _lastReportCount) || reports == 0)
        {
            Interlocked.Exchange(ref _lastReportCount, reports);
            Interlocked.Exchange(ref _lastReportAt, now);
            return;
        }

        TimeSpan silent = _time.GetElapsedTime(Interlocked.Read(ref _lastReportAt), now);
        if (silent > _silenceTimeout)
        {
            OnLost(new LinkTimeoutException("payload", $"no housekeeping for {silent.TotalSeconds:F0} s of rig time"));
        }
    }

    /// <summary>
    /// Feeds the payload's watchdog and watches for silence. A heartbeat is not awaited by the loop: over a link that is
    /// reconnecting underneath (TCP), one send can wait for minutes of rig time, and silence must still be noticed.
    /// </summary>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        Task sending = Task.CompletedTask;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_tick, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            CheckSilence();
            if (_heartbeatCommand is not null && _telemetry.ReportCount > 0 && sending.IsCompleted)
            {
                sending = SendHeartbeatAsync(_heartbeatCommand, cancellationToken);
            }
        }

        await sending.ConfigureAwait(false);
    }

    private async Task SendHeartbeatAsync(string command, CancellationToken cancellationToken)
    {
        try
        {
            await _send(command, NoArguments, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A missed heartbeat is not an alarm by itself: a dead link reports itself through Lost or through silence.
            _log.Debug(ex, "Heartbeat {Command} failed", command);
        }
        catch (OperationCanceledException)
        {
            // The session is closing.
        }
    }
}
