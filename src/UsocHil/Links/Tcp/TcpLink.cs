using System.Net.Sockets;
using Serilog;
using UsocHil.Links.Tracing;

namespace UsocHil.Links.Tcp;

/// <summary>
/// A connected TCP socket as an <see cref="ILink"/>: made by <see cref="TcpClientLink"/> or accepted by
/// <see cref="TcpLinkListener"/>. A dedicated <see cref="SocketReader"/> receives; writes go out on the caller's thread.
/// </summary>
public sealed class TcpLink : ILink
{
    private readonly Socket _socket;
    private readonly SocketReader _reader;
    private readonly ILogger _log;
    private int _disposed;

    internal TcpLink(Socket socket, LinkInfo info, ILogger log)
    {
        _socket = socket;
        _log = log;
        Info = info;
        socket.NoDelay = true;
        _reader = new SocketReader(socket, info.Endpoint, error => Closed(new SocketException((int)error)));
    }

    public LinkInfo Info { get; }

    public LinkStatistics Statistics { get; } = new();

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        // A lost connection is recorded in the statistics by the reader as it happens.
        int count = await _reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Statistics.AddBytesIn(count);
        LinkTrace.Received(_log, Info, buffer.Span[..count]);
        return count;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            while (!buffer.IsEmpty)
            {
                int sent = await _socket.SendAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                LinkTrace.Sent(_log, Info, buffer.Span[..sent]);
                Statistics.AddBytesOut(sent);
                buffer = buffer[sent..];
            }
        }
        catch (SocketException e)
        {
            throw Closed(e);
        }
        catch (ObjectDisposedException e)
        {
            throw Closed(e);
        }
    }

    /// <summary>Closes with a TCP reset instead of an orderly FIN, as a crashing peer would (for fault injection).</summary>
    internal void Abort()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _socket.LingerState = new LingerOption(true, 0);
        _reader.Stop(ShutDownReceiving);
        _socket.Close();
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _reader.Stop(ShutDownReceiving);
            try
            {
                _socket.Shutdown(SocketShutdown.Both);
            }
            catch (SocketException)
            {
                // already reset by the peer
            }
            catch (ObjectDisposedException)
            {
                // already aborted
            }

            _socket.Dispose();
            _log.Debug("Link {Link} closed {Endpoint}", Info.Name, Info.Endpoint);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Wakes the reader; on Linux a receive-side shutdown sends nothing, so an abort still resets.</summary>
    private void ShutDownReceiving()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Receive);
        }
        catch (SocketException)
        {
            // reset by the peer already: the reader has seen it
        }
    }

    private LinkClosedException Closed(Exception e)
    {
        string reason = e is SocketException s ? s.SocketErrorCode.ToString() : "closed by this side";
        Statistics.SetLastError(reason);
        return new LinkClosedException(Info.Endpoint, "connection lost: " + reason, e);
    }
}
