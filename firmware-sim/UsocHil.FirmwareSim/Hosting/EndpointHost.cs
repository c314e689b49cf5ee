using System.Collections.Concurrent;
using Serilog;
using UsocHil.Links;
using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// Offers one emulated device on a loopback TCP port (each accepted connection is a session) and on a pseudo-terminal
/// (one long session on the controller side), as the real device would on its LAN port and its serial adapter.
/// <see cref="Disconnect"/> pulls the cable: open sessions close, new connections are dropped, the tty goes silent.
/// </summary>
public sealed class EndpointHost : IAsyncDisposable
{
    private readonly string _name;
    private readonly EndpointSession _session;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<ILink, Task> _sessions = new();
    private readonly List<Task> _loops = [];
    private TcpLinkListener? _listener;
    private PtyPair? _pty;
    private volatile bool _disconnected;

    private EndpointHost(string name, EndpointSession session, ILogger log)
    {
        _name = name;
        _session = session;
        _log = log;
    }

    /// <summary>Serves one session on a link; <c>transport</c> is "tcp" or "serial".</summary>
    public delegate Task EndpointSession(ILink link, string transport, CancellationToken cancellationToken);

    public int? TcpPort => _listener?.Port;

    public string? PtyPath => _pty?.SubordinatePath;

    public bool Disconnected => _disconnected;

    public static EndpointHost Start(string name, bool tcp, bool pty, EndpointSession session, ILogger log, int tcpPort = 0)
    {
        var host = new EndpointHost(name, session, log);
        try
        {
            if (tcp)
            {
                host._listener = new TcpLinkListener(name, log, port: tcpPort);
                host._loops.Add(Task.Run(() => host.AcceptLoopAsync(host._listener)));
            }

            if (pty)
            {
                host._pty = PtyPair.Open(name, log);
                host._loops.Add(host.RunSessionAsync(host._pty.Controller, "serial", owned: false));
            }
        }
        catch
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        return host;
    }

    public void Disconnect()
    {
        _disconnected = true;
        foreach (ILink link in _sessions.Keys.Where(l => l.Info.Kind == "tcp"))
        {
            _ = link.DisposeAsync().AsTask();
        }

        _log.Warning("Endpoint {Name} disconnected (injected fault)", _name);
    }

    /// <summary>Plugs the cable back in: new connections are served again and the tty speaks again.</summary>
    public void Reconnect()
    {
        _disconnected = false;
        _log.Warning("Endpoint {Name} reconnected (injected fault ended)", _name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        foreach (ILink link in _sessions.Keys)
        {
            await link.DisposeAsync().ConfigureAwait(false);
        }

        await Task.WhenAll([.. _loops, .. _sessions.Values]).ConfigureAwait(false);
        if (_pty is not null)
        {
            await _pty.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync(TcpLinkListener listener)
    {
        while (!_stop.IsCancellationRequested)
        {
            ILink link;
            try
            {
                link = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
            {
                return;
            }

            if (_disconnected)
            {
                await link.DisposeAsync().ConfigureAwait(false);
                continue;
            }

            _sessions[link] = RunSessionAsync(link, "tcp", owned: true);
        }
    }

    private async Task RunSessionAsync(ILink link, string transport, bool owned)
    {
        await Task.Yield();
        try
        {
            await _session(new DisconnectableLink(link, this), transport, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
        {
            _log.Debug("Session on {Name} ({Endpoint}) ended: {Reason}", _name, link.Info.Endpoint, e.Message);
        }
        catch (Exception e)
        {
            _log.Error(e, "Session on {Name} ({Endpoint}) failed", _name, link.Info.Endpoint);
        }
        finally
        {
            if (owned)
            {
                _sessions.TryRemove(link, out _);
                await link.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>After the disconnect fault, the emulator's writes vanish and nothing more is read.</summary>
    private sealed class DisconnectableLink(ILink inner, EndpointHost host) : ILink, IWritesWithoutWaiting
    {
        public LinkInfo Info => inner.Info;

        public LinkStatistics Statistics => inner.Statistics;

        public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
        {
            while (true)
            {
                int count = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (count == 0 || !host._disconnected)
                {
                    return count;
                }
            }
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
            host._disconnected ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);

        /// <summary>A line that cannot be written without waiting takes nothing here: its writes go through <see cref="WriteAsync"/>.</summary>
        public int WriteWhatFits(ReadOnlySpan<byte> data) => host._disconnected
            ? data.Length
            : inner is IWritesWithoutWaiting immediate ? immediate.WriteWhatFits(data) : 0;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
