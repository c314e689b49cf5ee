using System.Collections.Concurrent;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Testing.Fakes;

/// <summary>An in-memory rig: records every action in order, holds line levels, parameters and instrument answers.</summary>
public sealed class FakeRigSession(RigDefinition rig, TimeProvider time) : IReconnectableRigSession
{
    private readonly ConcurrentQueue<string> _actions = new();

    public RigDefinition Rig { get; } = rig;
    public TelemetryCache Telemetry { get; } = new();
    public ConcurrentDictionary<string, bool> Lines { get; } = new();
    public ConcurrentDictionary<string, double> Parameters { get; } = new();
    public ConcurrentDictionary<string, Func<double>> References { get; } = new();

    /// <summary>When set, every payload command and parameter access throws LinkClosedException, as a dead serial link would.</summary>
    public bool PayloadLinkDead { get; set; }

    /// <summary>Called for each command before it succeeds; throw from it to make the command fail.</summary>
    public Action<string, IReadOnlyDictionary<string, double>>? OnCommand { get; set; }

    public bool Disposed { get; private set; }

    /// <summary>When set, the payload link can be reopened: called with the attempt number (from 1); throw to fail it.</summary>
    public Func<int, CancellationToken, Task>? Reopen { get; set; }

    private int _reconnectAttempts;

    public int ReconnectAttempts => Volatile.Read(ref _reconnectAttempts);

    public bool CanReconnectPayload => Reopen is not null;

    public async Task ReconnectPayloadAsync(CancellationToken cancellationToken)
    {
        int attempt = Interlocked.Increment(ref _reconnectAttempts);
        Log($"reconnect {attempt}");
        await Reopen!(attempt, cancellationToken);
        PayloadLinkDead = false;
    }

    public IReadOnlyList<string> Actions => _actions.ToArray();

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _awaited = new();

    /// <summary>Completes once <paramref name="action"/> has been logged.</summary>
    public Task WaitForActionAsync(string action, CancellationToken cancellationToken)
    {
        TaskCompletionSource tcs = _awaited.GetOrAdd(action, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_actions.Contains(action))
        {
            tcs.TrySetResult();
        }

        return tcs.Task.WaitAsync(cancellationToken);
    }

    private void Log(string action)
    {
        _actions.Enqueue(action);
        if (_awaited.TryGetValue(action, out TaskCompletionSource? tcs))
        {
            tcs.TrySetResult();
        }
    }

    public event Action<RigAlarm>? Alarm;

    public void Raise(RigAlarmKind kind, string message) => Alarm?.Invoke(new RigAlarm(kind, "fake", message, time.GetUtcNow()));

    public Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        Lines[line] = asserted;
        Log($"gpio {line}={(asserted ? 1 : 0)}");
        return Task.CompletedTask;
    }

    public Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken) =>
        Task.FromResult(Lines.TryGetValue(line, out bool level) && level);

    public Task<CommandRecord> SendCommandAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        Log($"tc {command}");
        OnCommand?.Invoke(command, arguments);
        return Task.FromResult(new CommandRecord(command, arguments, true, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), null, time.GetUtcNow()));
    }

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        foreach (var (name, value) in values)
        {
            Parameters[name] = (float)value;
            Log($"set {name}={value}");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ThrowIfDead();
        IReadOnlyDictionary<string, double> values = names.ToDictionary(n => n, n => Parameters.TryGetValue(n, out double v) ? v : double.NaN);
        return Task.FromResult(values);
    }

    /// <summary>Real instruments (a <see cref="RigSessionInstruments"/> over sockets) instead of <see cref="References"/>; null for none.</summary>
    public IRigInstruments? Instruments { get; set; }

    public Task WriteInstrumentAsync(string instrument, string command, CancellationToken cancellationToken)
    {
        Log($"{instrument} {command}");
        return Instruments?.WriteAsync(instrument, command, cancellationToken) ?? Task.CompletedTask;
    }

    public Task<string> QueryInstrumentAsync(string instrument, string query, CancellationToken cancellationToken)
    {
        if (Instruments is not null)
        {
            return Instruments.QueryAsync(instrument, query, cancellationToken);
        }

        double value = References.TryGetValue(instrument, out Func<double>? read) ? read() : 0;
        return Task.FromResult(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    public IDisposable InhibitLimits(IReadOnlyList<string> parameters)
    {
        Log($"inhibit {string.Join(",", parameters)}");
        return new Releaser(() => Log($"release {string.Join(",", parameters)}"));
    }

    private sealed class Releaser(Action release) : IDisposable
    {
        public void Dispose() => release();
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private void ThrowIfDead()
    {
        if (PayloadLinkDead)
        {
            throw new LinkClosedException("fake-tty", "peer vanished");
        }
    }
}
