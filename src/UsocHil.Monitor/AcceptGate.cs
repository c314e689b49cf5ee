using System.Net;
using Microsoft.AspNetCore.Connections;

namespace UsocHil.Monitor;

/// <summary>
/// Backpressure on accept. Kestrel accepts every connection the kernel offers as fast as it can, so even connections
/// refused at once cost a file descriptor each until they are closed, and a burst of thousands can exhaust the
/// descriptors the run needs before any is closed. This listener takes a connection off the kernel's backlog only
/// when one of its <see cref="Slots"/> is free (a slot is freed when <see cref="ConnectionLimit"/> is done with the
/// connection); the rest wait in the backlog, costing the process nothing.
/// </summary>
internal sealed class AcceptGate(IConnectionListenerFactory transport, int slots) : IConnectionListenerFactory
{
    private readonly SemaphoreSlim _free = new(slots, slots);

    public int Slots => slots;

    public async ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken) =>
        new Listener(await transport.BindAsync(endpoint, cancellationToken).ConfigureAwait(false), _free);

    /// <summary>Called once for every connection this gate let through, when it is done with.</summary>
    public void Release() => _free.Release();

    private sealed class Listener(IConnectionListener inner, SemaphoreSlim free) : IConnectionListener
    {
        public EndPoint EndPoint => inner.EndPoint;

        public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
        {
            try
            {
                await free.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null; // unbinding: Kestrel's accept loop ends on null
            }

            ConnectionContext? connection;
            try
            {
                connection = await inner.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                free.Release();
                throw;
            }

            if (connection is null)
            {
                free.Release();
            }

            return connection;
        }

        public ValueTask UnbindAsync(CancellationToken cancellationToken = default) => inner.UnbindAsync(cancellationToken);

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
