using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using UsocHil.Interop.Libc;

namespace UsocHil.Links.Tcp;

/// <summary>
/// The TCP counterpart of the tty fast path's reader: a dedicated thread blocked in poll(2) on the socket, receiving
/// what arrives and handing it to <see cref="ReadAsync"/>. Thread-pool socket I/O costs two wake-ups per packet (the
/// socket engine's thread, then a pool thread); here the kernel wakes this thread alone, and continuations run on it,
/// so a waiting consumer (a PUS client completing a telecommand) resumes without another hop.
/// An eventfd beside the socket wakes the thread for disposal. Linux only; elsewhere <see cref="TcpLink"/> reads
/// through the socket engine.
/// </summary>
internal sealed class SocketReader : IDisposable
{
    private const int ChunkSize = 4096;
    private const int MaxQueuedChunks = 256;
    private const short PollRdHup = 0x2000;

    private readonly Socket _socket;
    private readonly Func<SocketError, Exception> _closed;
    private readonly DescriptorHandle _wake;
    private readonly Channel<Chunk> _chunks;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stopping = new();
    private readonly string _endpoint;
    private Chunk _pending;
    private int _disposed;

    /// <param name="closed">Makes the exception a failed receive ends the stream with (the link's typed "connection lost").</param>
    public SocketReader(Socket socket, string endpoint, Func<SocketError, Exception> closed)
    {
        _socket = socket;
        _endpoint = endpoint;
        _closed = closed;
        int wake = Libc.EventFd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (wake < 0)
        {
            throw new LinkException(endpoint, "eventfd failed: " + Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        _wake = new DescriptorHandle(wake);
        _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxQueuedChunks)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Run) { IsBackground = true, Name = "tcp reader " + endpoint };
        _thread.Start();
    }

    /// <summary>Returns 0 once the peer closed in order, as <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/> does.</summary>
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

    /// <summary>Stops the thread; the socket stays open (its owner closes it after this returns).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        Signal();

        // A consumer continuation running on the reader thread may dispose the link: it must not wait for itself.
        if (Thread.CurrentThread != _thread && !_thread.Join(TimeSpan.FromSeconds(5)))
        {
            throw new LinkException(_endpoint, "the reader thread did not stop");
        }

        _chunks.Writer.TryComplete(new LinkClosedException(_endpoint, "the link was closed by this side"));
        _wake.Dispose();
        _stopping.Dispose();
    }

    private unsafe void Signal()
    {
        ulong one = 1;
        _ = Libc.Write(_wake.Fd, (byte*)&one, sizeof(ulong));
    }

    private void Run()
    {
        bool wakeRef = false;
        Exception? failure = null;
        try
        {
            _wake.DangerousAddRef(ref wakeRef);
            failure = Loop();
        }
        catch (OperationCanceledException)
        {
            // disposal while the queue was full
        }
        catch (ObjectDisposedException)
        {
            failure = new LinkClosedException(_endpoint, "the link was closed by this side");
        }
        catch (Exception e)
        {
            failure = new LinkException(_endpoint, "reader failed: " + e.Message, e);
        }
        finally
        {
            if (wakeRef)
            {
                _wake.DangerousRelease();
            }
        }

        _chunks.Writer.TryComplete(failure);
    }

    private Exception? Loop()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            byte[] array = ArrayPool<byte>.Shared.Rent(ChunkSize);
            (int n, SocketError error, bool stop) = WaitAndReceive(array);
            if (error == SocketError.Success && n > 0)
            {
                // Outside WaitAndReceive: the consumer runs here and may close the socket, which waits for no reference.
                Publish(new Chunk(array, 0, n));
                continue;
            }

            ArrayPool<byte>.Shared.Return(array);
            if (stop)
            {
                return null;
            }

            if (error is SocketError.Success)
            {
                if (n == 0)
                {
                    return null;
                }

                continue;
            }

            if (error is SocketError.WouldBlock or SocketError.Interrupted)
            {
                continue;
            }

            return error == SocketError.NotSocket
                ? new LinkClosedException(_endpoint, "the socket is no longer valid")
                : _closed(error);
        }

        return null;
    }

    /// <summary>
    /// Waits until the socket is readable and receives once, holding a reference on the socket's handle meanwhile (its
    /// descriptor number cannot be closed and reused under poll). n = -1 with Success: nothing to read yet.
    /// </summary>
    private unsafe (int N, SocketError Error, bool Stop) WaitAndReceive(byte[] array)
    {
        bool socketRef = false;
        try
        {
            _socket.SafeHandle.DangerousAddRef(ref socketRef);
            var fds = stackalloc Libc.PollFd[2];
            fds[0] = new Libc.PollFd { Fd = (int)_socket.SafeHandle.DangerousGetHandle(), Events = Libc.POLLIN | PollRdHup };
            fds[1] = new Libc.PollFd { Fd = _wake.Fd, Events = Libc.POLLIN };
            if (Libc.Poll(fds, 2, -1) < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                return errno == Libc.EINTR
                    ? (-1, SocketError.Success, false)
                    : throw new LinkException(_endpoint, "poll failed: " + Libc.Describe(errno));
            }

            if (fds[1].Revents != 0 || Volatile.Read(ref _disposed) != 0)
            {
                return (0, SocketError.Success, true);
            }

            if ((fds[0].Revents & Libc.POLLNVAL) != 0)
            {
                return (0, SocketError.NotSocket, false);
            }

            if (fds[0].Revents == 0)
            {
                return (-1, SocketError.Success, false);
            }

            // Readable (data, the peer's FIN or an error): the receive does not block, and maps errno as the socket
            // engine would ("ConnectionReset").
            int n = _socket.Receive(array, 0, array.Length, SocketFlags.None, out SocketError error);
            return (n, error, false);
        }
        finally
        {
            if (socketRef)
            {
                _socket.SafeHandle.DangerousRelease();
            }
        }
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
