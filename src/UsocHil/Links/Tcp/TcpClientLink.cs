using System.Net;
using System.Net.Sockets;
using Serilog;
using UsocHil.Description;

namespace UsocHil.Links.Tcp;

/// <summary>Connects to a payload, an instrument or an emulator over TCP: connect timeout, no Nagle delay, keep-alive.</summary>
public static class TcpClientLink
{
    /// <summary>Seconds of silence before the kernel probes a quiet connection, then between probes.</summary>
    private const int KeepAliveSeconds = 5;
    private const int KeepAliveProbes = 3;

    public static ValueTask<TcpLink> ConnectAsync(
        string name, NetworkBinding binding, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken) =>
        ConnectAsync(name, binding.Host, binding.Port, TimeSpan.FromSeconds(binding.ConnectTimeoutSeconds), timeProvider, log, cancellationToken);

    public static async ValueTask<TcpLink> ConnectAsync(
        string name, string host, int port, TimeSpan connectTimeout, TimeProvider timeProvider, ILogger log, CancellationToken cancellationToken)
    {
        string endpoint = FormatEndpoint(host, port);
        // Connecting is the operating system's work, not the rig's: it is bounded in wall-clock time even when
        // rig time runs hundreds of times faster for an emulated rig.
        using var timeout = new CancellationTokenSource(TransportTime.OnClock(timeProvider, connectTimeout), timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out IPAddress? literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, linked.Token).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new LinkException(endpoint, "cannot resolve host: " + e.SocketErrorCode, e);
        }

        SocketException? last = null;
        foreach (IPAddress address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await ConnectBlockingAsync(socket, new IPEndPoint(address, port), linked.Token).ConfigureAwait(false);
                ConfigureKeepAlive(socket);
                log.Information("Link {Link} connected to {Endpoint}", name, endpoint);
                return new TcpLink(socket, new LinkInfo(name, "tcp", endpoint), log);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch (OperationCanceledException e) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new LinkTimeoutException(endpoint, $"no connection within {connectTimeout.TotalSeconds:0.###} s", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new LinkClosedException(endpoint, "cannot connect: " + (last?.SocketErrorCode.ToString() ?? "no address"), last);
    }

    /// <summary>
    /// A blocking connect on a pool thread, given up on when the token fires (the caller then closes the socket). An
    /// asynchronous connect would register the socket with the runtime's epoll thread for good, and that thread would
    /// then wake on every packet the link's own reader (<see cref="SocketReader"/>) takes: a second wake-up per packet.
    /// </summary>
    private static async Task ConnectBlockingAsync(Socket socket, IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Task connecting = Task.Run(() => socket.Connect(endpoint), CancellationToken.None);
        try
        {
            await connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The connect ends on its own once the caller has closed the socket, or when the kernel gives up.
            _ = connecting.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    internal static string FormatEndpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]:{port}" : $"{host}:{port}";

    private static void ConfigureKeepAlive(Socket socket)
    {
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, KeepAliveSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, KeepAliveSeconds);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, KeepAliveProbes);
    }
}
