using System.Net.Sockets;

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

    private readonly Socket _socket;
    private readonly Func<SocketError, LinkClosedException> _lost;
    private readonly string _endpoint;
    private readonly ReceivedChunks _chunks = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _stopped;

    /// <param name="lost">Makes the error a failed receive ends the link with (and records it).</param>
    public SocketReader(Socket socket, string endpoint, Func<SocketError, LinkClosedException> lost)
    {
        _socket = socket;
        _endpoint = endpoint;
        _lost = lost;
        new Thread(Run) { IsBackground = true, Name = "tcp reader " + endpoint }.Start();
    }

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => _chunks.ReadAsync(buffer, cancellationToken);

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

        _chunks.Complete(failure);
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

            byte[] array = ReceivedChunks.Rent();
            int n = _socket.Receive(array, 0, array.Length, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success && n > 0)
            {
                _chunks.Publish(array, n, _stopping.Token);
                continue;
            }

            ReceivedChunks.Return(array);
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
}
