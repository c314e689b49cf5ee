using System.Net;
using System.Net.Sockets;
using Serilog;

namespace UsocHil.Links.Tcp;

/// <summary>
/// A TCP server for emulators: binds 127.0.0.1 on an ephemeral port unless told otherwise, and hands out each accepted
/// connection as an <see cref="ILink"/>. Binding beyond loopback is allowed (a bench emulator on another host) but logged
/// as a warning, since an emulated payload on the lab network can be commanded by anyone.
/// </summary>
public sealed class TcpLinkListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly ILogger _log;
    private readonly string _name;
    private int _accepted;
    private int _disposed;

    public TcpLinkListener(string name, ILogger log, IPAddress? address = null, int port = 0, int backlog = 16)
    {
        address ??= IPAddress.Loopback;
        _name = name;
        _log = log;
        if (!IPAddress.IsLoopback(address))
        {
            log.Warning("Listener {Link} binds {Address}, which is not loopback: the emulator is reachable from the network", name, address);
        }

        _socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _socket.Bind(new IPEndPoint(address, port));
            _socket.Listen(backlog);
        }
        catch (SocketException e)
        {
            // An operator must see which port is taken, not a bare "Address already in use".
            _socket.Dispose();
            string reason = e.SocketErrorCode == SocketError.AddressAlreadyInUse ? "the port is already in use" : e.Message;
            throw new LinkException($"{address}:{port}", $"{name} cannot listen: {reason}", e);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        LocalEndpoint = (IPEndPoint)_socket.LocalEndPoint!;
        log.Debug("Listener {Link} listening on {Endpoint}", name, LocalEndpoint);
    }

    /// <summary>The bound address and port (the port the kernel chose when 0 was asked).</summary>
    public IPEndPoint LocalEndpoint { get; }

    public int Port => LocalEndpoint.Port;

    public async ValueTask<TcpLink> AcceptAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        Socket client;
        try
        {
            client = await _socket.AcceptAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new LinkClosedException(LocalEndpoint.ToString(), "accept failed: " + e.SocketErrorCode, e);
        }
        catch (ObjectDisposedException e)
        {
            throw new LinkClosedException(LocalEndpoint.ToString(), "the listener was closed", e);
        }

        string remote = client.RemoteEndPoint?.ToString() ?? "unknown";
        int number = Interlocked.Increment(ref _accepted);
        _log.Debug("Listener {Link} accepted {Remote}", _name, remote);
        return new TcpLink(client, new LinkInfo($"{_name}#{number}", "tcp", remote), _log);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
