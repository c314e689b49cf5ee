using System.Collections.Concurrent;
using UsocHil.Framing;
using UsocHil.Links;

namespace UsocHil.FirmwareSim.Sessions;

/// <summary>
/// One harness connection's downlink. Packets are queued from any thread (the bench's ticks, telecommand handling)
/// and leave in queue order. The connection's own reader sends what a telecommand queued as soon as it has handled
/// it (<see cref="BeginAnswer"/> … <see cref="EndAnswerAsync"/>), as a controller's single loop answers on the thread
/// that read the command; while it answers, queuing does not wake <see cref="WriteLoopAsync"/>, so a reply costs no
/// wake-up of another thread. Between commands the thread that queues sends at once if the line has room
/// (<see cref="TrySendOnThisThread"/>); the write loop takes what it could not. Whichever holds the gate dequeues and
/// writes, so the order on the wire is the queue's; what one flush dequeues leaves in one write
/// (<see cref="OutgoingBatch"/>).
/// </summary>
public sealed class DownlinkSession(ILink link, IPacketFramer framer)
{
    /// <summary>Packets held for a harness that stopped reading, as a UART FIFO holds bytes: beyond it the oldest go.</summary>
    private const int Capacity = 4096;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentQueue<byte[]> _outgoing = new();
    private readonly SemaphoreSlim _queued = new(0, 1);
    private readonly OutgoingBatch _batch = new(link);
    private int _answering;
    private volatile bool _completed;

    public ILink Link { get; } = link;

    public IPacketFramer Framer { get; } = framer;

    /// <summary>Queues an encoded packet; a harness that stopped reading loses the oldest first, as a full UART FIFO would.</summary>
    public void Queue(byte[] packet)
    {
        if (_completed)
        {
            return;
        }

        _outgoing.Enqueue(packet);
        while (_outgoing.Count > Capacity && _outgoing.TryDequeue(out _))
        {
        }

        if (Volatile.Read(ref _answering) == 0 && !TrySendOnThisThread())
        {
            WakeWriteLoop();
        }
    }

    /// <summary>Nothing more will be queued: the write loop ends once the queue is empty.</summary>
    public void Complete()
    {
        _completed = true;
        WakeWriteLoop();
    }

    /// <summary>The reader is handling a telecommand: what it queues is sent by <see cref="EndAnswerAsync"/>, on its thread.</summary>
    public void BeginAnswer() => Volatile.Write(ref _answering, 1);

    /// <summary>Sends everything queued so far on the calling thread; later packets wake the write loop again.</summary>
    public async Task EndAnswerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _answering, 0);
            if (!_outgoing.IsEmpty)
            {
                // Queued by another thread between the flush and now, while the write loop was not woken for it.
                WakeWriteLoop();
            }
        }
    }

    /// <summary>Sends what arrives in the queue while nobody else does, until <see cref="Complete"/> or cancellation.</summary>
    public async Task WriteLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!(_completed && _outgoing.IsEmpty))
            {
                await _queued.WaitAsync(cancellationToken).ConfigureAwait(false);
                await FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
        {
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_outgoing.TryDequeue(out byte[]? packet))
            {
                await Framer.WritePacketAsync(_batch, packet, cancellationToken).ConfigureAwait(false);
                if (_batch.Count >= OutgoingBatch.SendThreshold)
                {
                    await _batch.SendAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await _batch.SendAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Sends the queue on the calling thread (a bench tick) when nobody else is sending and the line takes it without
    /// waiting, as a controller's transmit interrupt would: no wake-up of the write loop per report. A busy sender, a
    /// backlog or a full line leaves it to the write loop, so a tick never waits for a harness that stopped reading.
    /// </summary>
    private bool TrySendOnThisThread()
    {
        if (!_gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (_batch.Count > 0)
            {
                return false;
            }

            while (_outgoing.TryDequeue(out byte[]? packet))
            {
                ValueTask framed = Framer.WritePacketAsync(_batch, packet, CancellationToken.None);
                if (!framed.IsCompletedSuccessfully)
                {
                    framed.AsTask().GetAwaiter().GetResult();
                }
            }

            return _batch.TrySendWithoutWaiting();
        }
        catch (Exception e) when (e is LinkException or ObjectDisposedException)
        {
            // The write loop meets the same failure and ends the session's downlink.
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WakeWriteLoop()
    {
        try
        {
            if (_queued.CurrentCount == 0)
            {
                _queued.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Woken already by another thread in between: one wake-up drains everything queued.
        }
    }
}
