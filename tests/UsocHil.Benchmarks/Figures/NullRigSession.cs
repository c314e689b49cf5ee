using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>A rig that does nothing instantly, so the sequence figure measures the engine alone.</summary>
internal sealed class NullRigSession(RigDefinition rig) : IRigSession
{
    public RigDefinition Rig { get; } = rig;
    public TelemetryCache Telemetry { get; } = new();

    public event Action<RigAlarm>? Alarm
    {
        add { }
        remove { }
    }

    public Task SetLineAsync(string line, bool asserted, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> ReadLineAsync(string line, CancellationToken cancellationToken) => Task.FromResult(false);

    public Task<CommandRecord> SendCommandAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken) =>
        Task.FromResult(new CommandRecord(command, arguments, true, TimeSpan.Zero, TimeSpan.Zero, null, DateTimeOffset.UnixEpoch));

    public Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, double>>(names.ToDictionary(n => n, _ => 0.0));

    public Task WriteInstrumentAsync(string instrument, string command, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string> QueryInstrumentAsync(string instrument, string query, CancellationToken cancellationToken) => Task.FromResult("0");

    public IDisposable InhibitLimits(IReadOnlyList<string> parameters) => new Released();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private sealed class Released : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
