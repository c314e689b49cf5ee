using System.Threading.Channels;

namespace UsocHil.Monitor;

/// <summary>
/// The frames one page has yet to receive. Frames are shared by every page, so a page that keeps up costs a reference
/// per frame. The queue is bounded in bytes: a page that falls further behind than <see cref="Capacity"/> has its
/// queue emptied and is sent a fresh snapshot instead (a resync), so a slow or stalled page costs a fixed amount of
/// memory and never a wait. Written by the broadcaster's dispatcher, drained by the page's writer.
/// </summary>
internal sealed class ClientQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<byte[]> _frames = new();
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _pendingBytes;
    private bool _resync;
    private long _dropped;
    private long _resyncs;

    public ClientQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most bytes of frames this queue ever holds.</summary>
    public int Capacity { get; }

    /// <summary>Frames the page never got because it fell behind; a snapshot replaced them.</summary>
    public long Dropped
    {
        get
        {
            lock (_gate)
            {
                return _dropped;
            }
        }
    }

    /// <summary>How many times the page fell behind and was told to start again from a snapshot.</summary>
    public long Resyncs
    {
        get
        {
            lock (_gate)
            {
                return _resyncs;
            }
        }
    }

    /// <summary>Bytes waiting now.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pendingBytes;
            }
        }
    }

    /// <summary>Queues a frame and wakes the page's writer; never blocks.</summary>
    public void Enqueue(byte[] frame)
    {
        lock (_gate)
        {
            if (_resync)
            {
                _dropped++;
            }
            else if (_pendingBytes + frame.Length > Capacity)
            {
                _dropped += _frames.Count + 1;
                _resyncs++;
                Clear();
                _resync = true;
            }
            else
            {
                _frames.Enqueue(frame);
                _pendingBytes += frame.Length;
            }
        }

        _signal.Writer.TryWrite(true);
    }

    /// <summary>Waits until something may be pending. False when the queue was completed.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        bool more = await _signal.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
        _signal.Reader.TryRead(out _);
        return more;
    }

    public void Complete() => _signal.Writer.TryComplete();

    /// <summary>Takes everything pending. <see cref="ClientBatch.Resync"/> means the page must be sent a new snapshot.</summary>
    public ClientBatch Drain()
    {
        lock (_gate)
        {
            var batch = new ClientBatch(_resync, [.. _frames]);
            Clear();
            return batch;
        }
    }

    /// <summary>Forgets everything pending and clears the resync flag; called with the snapshot it is replaced by.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            Clear();
            _resync = false;
        }
    }

    private void Clear()
    {
        _frames.Clear();
        _pendingBytes = 0;
    }
}

internal sealed record ClientBatch(bool Resync, IReadOnlyList<byte[]> Frames);
