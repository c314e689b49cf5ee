using System.Collections.Concurrent;
using System.Threading.Channels;
using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs.Fakes;

/// <summary>An in-memory payload channel: records what is sent, says what a payload would say, breaks on demand.</summary>
public sealed class FakePayloadChannel(string name = "fake") : IPayloadChannel
{
    private readonly ConcurrentQueue<string> _sent = new();
    private readonly Channel<string> _sends = Channel.CreateUnbounded<string>();
    private int _disposals;

    public string Name { get; } = name;

    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;
    public event Action<string, DateTimeOffset>? DeviceEvent;
    public event Action<Exception>? Lost;

    public Exception? LostWith { get; private set; }

    /// <summary>Every command sent, in order ("set NAME=value" for a parameter set).</summary>
    public IReadOnlyList<string> Sent => _sent.ToArray();

    /// <summary>Called for each command before it succeeds; throw from it (or never complete) to fail it.</summary>
    public Func<string, CancellationToken, Task>? OnSend { get; set; }

    public int Disposals => Volatile.Read(ref _disposals);

    public bool HasListeners => Housekeeping is not null || DeviceEvent is not null || Lost is not null;

    /// <summary>Completes with the next command sent.</summary>
    public ValueTask<string> NextSendAsync(CancellationToken cancellationToken) => _sends.Reader.ReadAsync(cancellationToken);

    public void Report(DateTimeOffset at, params (string Parameter, double Value)[] values) =>
        Housekeeping?.Invoke(values.Select(v => new TelemetrySample(v.Parameter, v.Value, at)).ToArray());

    public void Raise(string deviceEvent, DateTimeOffset at) => DeviceEvent?.Invoke(deviceEvent, at);

    public void Break(Exception error)
    {
        LostWith = error;
        Lost?.Invoke(error);
    }

    public async Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
    {
        _sent.Enqueue(command);
        _sends.Writer.TryWrite(command);
        if (OnSend is { } onSend)
        {
            await onSend(command, cancellationToken);
        }

        return new CommandRecord(command, arguments, true, TimeSpan.Zero, TimeSpan.Zero, null, DateTimeOffset.UnixEpoch);
    }

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken)
    {
        foreach (var (parameter, value) in values)
        {
            _sent.Enqueue($"set {parameter}={value}");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(names.ToDictionary(n => n, _ => 0.0));

    public ValueTask DisposeAsync()
    {
        Interlocked.Increment(ref _disposals);
        return ValueTask.CompletedTask;
    }
}
