using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace UsocHil.Links.Tcp;

/// <summary>
/// A dedicated thread blocked in poll(2) on a connected socket, handing what it receives to <see cref="ReadAsync"/>.
/// Thread-pool socket reads cost an epoll wake-up and a thread-pool hop per packet; here the reader wakes once and
/// a waiting consumer's continuation runs on it, so a reply is handled on the thread that received it (as
/// <c>Serial/DescriptorReader</c> does for a tty). Shutting the socket's receive side down wakes the thread, which
/// then ends the reads with <see cref="LinkClosedException"/>.
/// </summary>
internal sealed class SocketReader
{
    private const int ChunkSize = 4096;
    private const int MaxQueuedChunks = 256;

    private readonly Socket _socket;
    private readonly Func<SocketError, LinkClosedException> _lost;
    private readonly string _endpoint;
    private readonly Channel<Chunk> _chunks;
    private readonly CancellationTokenSource _stopping = new();
    private Chunk _pending;
    private int _stopped;

    /// <param name="lost">Makes the error a failed receive ends the link with (and records it).</param>
    public SocketReader(Socket socket, string endpoint, Func<SocketError, LinkClosedException> lost)
    {
        _socket = socket;
        _endpoint = endpoint;
        _lost = lost;
        _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxQueuedChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        new Thread(Run) { IsBackground = true, Name = "tcp reader " + endpoint }.Start();
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            Chunk chunk;
            while (!_chunks.Reader.TryRead(out chunk))
            {
                if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            _pending = chunk;
        }

        int count = Math.Min(buffer.Length, _pending.Length);
        _pending.Array.AsSpan(_pending.Offset, count).CopyTo(buffer.Span);
        _pending = _pending with { Offset = _pending.Offset + count, Length = _pending.Length - count };
        if (_pending.Length == 0)
        {
            ArrayPool<byte>.Shared.Return(_pending.Array);
            _pending = default;
        }

        return count;
    }

    /// <summary>
    /// Asks the thread to stop and wakes it with <paramref name="wake"/> (a shutdown of the receive side, which sends
    /// nothing to the peer). It does not wait: the thread may be running a consumer's continuation that waits for
    /// whoever disposes the link (an emulator pulls the cable under its bench's lock). Closing the socket meanwhile is
    /// safe, as the socket holds its descriptor open until a poll or receive under way returns.
    /// </summary>
    public void Stop(Action wake)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        wake();
    }

    private void Run()
    {
        Exception? failure;
        try
        {
            failure = Loop();
        }
        catch (OperationCanceledException)
        {
            failure = null;
        }
        catch (ObjectDisposedException)
        {
            failure = null;
        }
        catch (Exception e)
        {
            failure = new LinkException(_endpoint, "reader failed: " + e.Message, e);
        }

        if (Volatile.Read(ref _stopped) != 0)
        {
            failure = new LinkClosedException(_endpoint, "connection lost: closed by this side");
        }

        _chunks.Writer.TryComplete(failure);
    }

    private Exception? Loop()
    {
        while (Volatile.Read(ref _stopped) == 0)
        {
            // Poll, then receive what is there: on a socket the runtime has made non-blocking (by an asynchronous
            // send), a blocking receive is emulated through its epoll thread, a second wake-up per packet.
            if (!_socket.Poll(-1, SelectMode.SelectRead) || Volatile.Read(ref _stopped) != 0)
            {
                continue;
            }

            byte[] array = ArrayPool<byte>.Shared.Rent(ChunkSize);
            int n = _socket.Receive(array, 0, array.Length, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success && n > 0)
            {
                Publish(new Chunk(array, 0, n));
                continue;
            }

            ArrayPool<byte>.Shared.Return(array);
            switch (error)
            {
                case SocketError.Success:
                    return null; // an orderly close: readers see 0
                case SocketError.WouldBlock or SocketError.Interrupted:
                    continue;
                default:
                    return _lost(error);
            }
        }

        return null;
    }

    private void Publish(Chunk chunk)
    {
        if (!_chunks.Writer.TryWrite(chunk))
        {
            // The consumer is behind: wait on this dedicated thread rather than drop bytes or grow without bound.
            if (!_chunks.Writer.WaitToWriteAsync(_stopping.Token).AsTask().GetAwaiter().GetResult()
                || !_chunks.Writer.TryWrite(chunk))
            {
                ArrayPool<byte>.Shared.Return(chunk.Array);
            }
        }
    }

    private readonly record struct Chunk(byte[] Array, int Offset, int Length);
}
