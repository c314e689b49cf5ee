using System.Collections.Concurrent;
using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs.Fakes;

/// <summary>GPIO lines and instruments in memory, recording what was done to them and whether they were closed.</summary>
public sealed class FakeRigParts : IRigLines, IRigInstruments
{
    private readonly ConcurrentQueue<string> _actions = new();

    public IReadOnlyList<string> Actions => _actions.ToArray();

    public int Disposals { get; private set; }

    public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        _actions.Enqueue($"gpio {line}={(asserted ? 1 : 0)}");
        return Task.CompletedTask;
    }

    public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task WriteAsync(string instrument, string command, CancellationToken cancellationToken)
    {
        _actions.Enqueue($"{instrument} {command}");
        return Task.CompletedTask;
    }

    public Task<string> QueryAsync(string instrument, string query, CancellationToken cancellationToken) => Task.FromResult("0");

    public ValueTask DisposeAsync()
    {
        Disposals++;
        return ValueTask.CompletedTask;
    }
}
