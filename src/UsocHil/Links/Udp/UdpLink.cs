using System.Net;
using System.Net.Sockets;
using Serilog;
using UsocHil.Links.Tcp;
using UsocHil.Links.Tracing;

namespace UsocHil.Links.Udp;

/// <summary>
/// A UDP socket for telemetry streams: each read returns one datagram (framing is the datagram). Connected to one peer
/// (<see cref="Connect"/>), or bound and answering whoever sent last (<see cref="Listen"/>, for emulators).
/// Empty datagrams are skipped, since 0 means end of stream to an <see cref="ILink"/> reader.
/// </summary>
public sealed class UdpLink : ILink
{
    private readonly Socket _socket;
    private readonly ILogger _log;
    private readonly bool _connected;
    private EndPoint? _lastPeer;
    private int _disposed;

    private UdpLink(Socket socket, bool connected, LinkInfo info, ILogger log)
    {
        _socket = socket;
        _connected = connected;
        _log = log;
        Info = info;
    }

    public LinkInfo Info { get; }

    public LinkStatistics Statistics { get; } = new();

    /// <summary>The local address and port, for a peer to send to.</summary>
    public IPEndPoint LocalEndpoint => (IPEndPoint)_socket.LocalEndPoint!;

    public static UdpLink Connect(string name, IPEndPoint remote, ILogger log)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(remote.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0));
        socket.Connect(remote);
        string endpoint = TcpClientLink.FormatEndpoint(remote.Address.ToString(), remote.Port);
        log.Information("Link {Link} sends datagrams to {Endpoint}", name, endpoint);
        return new UdpLink(socket, connected: true, new LinkInfo(name, "udp", endpoint), log);
    }

    public static UdpLink Listen(string name, ILogger log, IPAddress? address = null, int port = 0)
    {
        address ??= IPAddress.Loopback;
        if (!IPAddress.IsLoopback(address))
        {
            log.Warning("Link {Link} binds {Address}, which is not loopback", name, address);
        }

        var socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address, port));
        var local = (IPEndPoint)socket.LocalEndPoint!;
        return new UdpLink(socket, connected: false, new LinkInfo(name, "udp", local.ToString()), log);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            while (true)
            {
                int count;
                if (_connected)
                {
                    count = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    EndPoint any = new IPEndPoint(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
                    SocketReceiveFromResult result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                    count = result.ReceivedBytes;
                    Volatile.Write(ref _lastPeer, result.RemoteEndPoint);
                }

                if (count > 0)
                {
                    Statistics.AddBytesIn(count);
                    Statistics.AddFrame();
                    LinkTrace.Received(_log, Info, buffer.Span[..count]);
                    return count;
                }
            }
        }
        catch (SocketException e)
        {
            // ConnectionRefused: an ICMP port-unreachable came back for an earlier datagram; nobody listens there.
            throw Closed(e);
        }
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            if (_connected)
            {
                await _socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                EndPoint peer = Volatile.Read(ref _lastPeer) ?? throw new LinkException(Info.Endpoint, "no peer has sent a datagram yet");
                await _socket.SendToAsync(buffer, SocketFlags.None, peer, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SocketException e)
        {
            throw Closed(e);
        }

        Statistics.AddBytesOut(buffer.Length);
        LinkTrace.Sent(_log, Info, buffer.Span);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _socket.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private LinkClosedException Closed(SocketException e)
    {
        Statistics.SetLastError(e.SocketErrorCode.ToString());
        return new LinkClosedException(Info.Endpoint, "datagram failed: " + e.SocketErrorCode, e);
    }
}
