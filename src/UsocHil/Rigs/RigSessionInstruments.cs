using UsocHil.Gpio;
using UsocHil.Protocols.Scpi;

namespace UsocHil.Rigs;

/// <summary>The rig's named SCPI instruments over their own links; every write is followed by an error-queue check.</summary>
public sealed class RigSessionInstruments(IReadOnlyDictionary<string, ScpiClient> clients, IReadOnlyList<IAsyncDisposable> links) : IRigInstruments
{
    public Task WriteAsync(string instrument, string command, CancellationToken cancellationToken) =>
        Client(instrument).ExecuteAsync(command, cancellationToken);

    public Task<string> QueryAsync(string instrument, string query, CancellationToken cancellationToken) =>
        Client(instrument).QueryCheckedAsync(query, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (IAsyncDisposable link in links)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }
    }

    private ScpiClient Client(string instrument) =>
        clients.TryGetValue(instrument, out ScpiClient? client) ? client : throw new KeyNotFoundException($"no instrument '{instrument}' is bound");
}

/// <summary>The rig's named GPIO lines through <see cref="RigGpio"/>.</summary>
public sealed class RigSessionLines(RigGpio gpio) : IRigLines
{
    public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken) => gpio.SetLineAsync(line, asserted, cancellationToken);

    public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) => gpio.ReadLineAsync(line, cancellationToken);

    public ValueTask DisposeAsync()
    {
        gpio.Dispose();
        return ValueTask.CompletedTask;
    }
}
