using UsocHil.Gpio;
using UsocHil.Links;
using UsocHil.Protocols.Scpi;

namespace UsocHil.Rigs;

/// <summary>
/// The rig's named SCPI instruments over their own links; every write is followed by an error-queue check. Whatever
/// goes wrong on an instrument's link (no answer, a closed socket, an error in its queue) is an
/// <see cref="InstrumentFaultException"/>: the step fails on it, it is never taken for a lost payload link.
/// </summary>
public sealed class RigSessionInstruments(IReadOnlyDictionary<string, ScpiClient> clients, IReadOnlyList<IAsyncDisposable> links) : IRigInstruments
{
    public async Task WriteAsync(string instrument, string command, CancellationToken cancellationToken)
    {
        try
        {
            await Client(instrument).ExecuteAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ScpiException or LinkException)
        {
            throw new InstrumentFaultException(instrument, command, e);
        }
    }

    public async Task<string> QueryAsync(string instrument, string query, CancellationToken cancellationToken)
    {
        try
        {
            return await Client(instrument).QueryCheckedAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ScpiException or LinkException)
        {
            throw new InstrumentFaultException(instrument, query, e);
        }
    }

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
