using System.Threading.Channels;
using UsocHil.Framing;
using UsocHil.Links;

namespace UsocHil.FirmwareSim.Sessions;

/// <summary>
/// One harness connection's downlink. Packets are queued from any thread (the bench's ticks, telecommand handling)
/// and leave in queue order. The connection's own reader sends what a telecommand queued as soon as it has handled
/// it (<see cref="FlushAsync"/>), as a controller's single loop answers on the thread that read the command, so a
/// reply costs no wake-up of another thread; <see cref="WriteLoopAsync"/> sends what the bench queues between
/// commands. Whichever holds the gate dequeues and writes, so the order on the wire is the queue's.
/// </summary>
public sealed class DownlinkSession(ILink link, IPacketFramer framer)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    private readonly Channel<byte[]> _outgoing = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest });

    public ILink Link { get; } = link;

    public IPacketFramer Framer { get; } = framer;

    /// <summary>Queues an encoded packet; a harness that stopped reading loses the oldest first, as a full UART FIFO would.</summary>
    public void Queue(byte[] packet) => _outgoing.Writer.TryWrite(packet);

    /// <summary>Nothing more will be queued: the write loop ends once the queue is empty.</summary>
    public void Complete() => _outgoing.Writer.TryComplete();

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

    /// <summary>Sends what arrives in the queue while nobody else does, until <see cref="Complete"/> or cancellation.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
        {
        }
    }
}
