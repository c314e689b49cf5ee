using System.Threading.Channels;
using UsocHil.Framing;
using UsocHil.Links;

namespace UsocHil.FirmwareSim.Sessions;

/// <summary>
/// One harness connection's downlink. Packets are queued from any thread (the bench's ticks, telecommand handling)
/// and leave in queue order. The connection's own reader answers a telecommand on its own thread
/// (<see cref="AnswerAsync"/>: handle, then send what the handling queued), as a controller's single loop answers on
/// the thread that read the command, so a reply costs no wake-up of another thread; <see cref="WriteLoopAsync"/> is
/// woken only for what others queue between commands. Whichever holds the gate dequeues and writes, so the order on
/// the wire is the queue's.
/// </summary>
public sealed class DownlinkSession(ILink link, IPacketFramer framer)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _queued = new(0, 1);
    private int _writerSignalled;
    private int _answeringThread;

    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public ILink Link { get; } = link;

    public IPacketFramer Framer { get; } = framer;

    /// <summary>Queues an encoded packet; a harness that stopped reading loses the oldest first, as a full UART FIFO would.</summary>
    public void Queue(byte[] packet)
    {
        _outgoing.Writer.TryWrite(packet);

        // The answering reader sends its own replies straight after handling: waking the writer for them would
        // cost a thread hop per telecommand for nothing.
        if (Environment.CurrentManagedThreadId != Volatile.Read(ref _answeringThread))
        {
            WakeWriter();
        }
    }

    /// <summary>Nothing more will be queued: the write loop ends once the queue is empty.</summary>
    public void Complete()
    {
        _outgoing.Writer.TryComplete();
        WakeWriter();
    }

    /// <summary>Runs <paramref name="handle"/> (which queues the replies), then sends them, on the calling thread.</summary>
    public Task AnswerAsync(Action handle, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _answeringThread, Environment.CurrentManagedThreadId);
        try
        {
            handle();
        }
        finally
        {
            Volatile.Write(ref _answeringThread, 0);
        }

        return FlushAsync(cancellationToken);
    }

    /// <summary>Sends everything queued so far, on the calling thread.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_outgoing.Reader.TryRead(out byte[]? packet))
            {
                await Framer.WritePacketAsync(Link, packet, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends what others queue while nobody else does, until <see cref="Complete"/> or cancellation.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _queued.WaitAsync(cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _writerSignalled, 0);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                if (_outgoing.Reader.Completion.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
        {
        }
    }

    private void WakeWriter()
    {
        if (Interlocked.Exchange(ref _writerSignalled, 1) == 0)
        {
            _queued.Release();
        }
    }
}
