using System.Threading.Channels;

namespace UsocHil.Monitor;

/// <summary>
/// What one page has yet to receive, bounded whatever the page does: telemetry keeps at most
/// <see cref="PointsPerParameter"/> pending samples per parameter (older ones are dropped, so a page that falls behind
/// gets the latest values, coalesced), other messages queue up to <see cref="Capacity"/>; past that the queue is
/// emptied and the page is sent a fresh snapshot instead (a resync), so a slow or stalled page costs a fixed amount of
/// memory and never a wait.
/// Written by the broadcaster's dispatcher, drained by the page's writer.
/// </summary>
internal sealed class ClientQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<OutgoingMessage> _messages = new();
    private readonly Dictionary<string, Queue<TelemetryPointDto>> _telemetry = new(StringComparer.Ordinal);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _telemetryPending;
    private bool _resync;
    private long _dropped;
    private long _coalesced;

    public ClientQueue(int capacity, int maxParameters, int pointsPerParameter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerParameter, 1);
        Capacity = capacity;
        MaxParameters = maxParameters;
        PointsPerParameter = pointsPerParameter;
    }

    public int Capacity { get; }

    public int MaxParameters { get; }

    public int PointsPerParameter { get; }

    /// <summary>Messages dropped because the page fell behind (each overflow drops the whole queue).</summary>
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

    /// <summary>Telemetry samples dropped for a newer one of the same parameter before the page got them.</summary>
    public long Coalesced
    {
        get
        {
            lock (_gate)
            {
                return _coalesced;
            }
        }
    }

    /// <summary>How many items wait now: ordered messages plus telemetry samples.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count + _telemetryPending;
            }
        }
    }

    /// <summary>The most items this queue can ever hold.</summary>
    public int Bound => Capacity + (MaxParameters * PointsPerParameter);

    public void Enqueue(OutgoingMessage message)
    {
        lock (_gate)
        {
            if (_resync)
            {
                _dropped++;
            }
            else if (_messages.Count >= Capacity)
            {
                Overflow(1);
            }
            else
            {
                _messages.Enqueue(message);
            }
        }
    }

    public void EnqueueTelemetry(TelemetryPointDto point)
    {
        lock (_gate)
        {
            if (_resync)
            {
                _dropped++;
            }
            else if (_telemetry.TryGetValue(point.P, out Queue<TelemetryPointDto>? points))
            {
                if (points.Count >= PointsPerParameter)
                {
                    points.Dequeue();
                    _coalesced++;
                    _telemetryPending--;
                }

                points.Enqueue(point);
                _telemetryPending++;
            }
            else if (_telemetry.Count >= MaxParameters)
            {
                Overflow(1);
            }
            else
            {
                points = new Queue<TelemetryPointDto>();
                points.Enqueue(point);
                _telemetry[point.P] = points;
                _telemetryPending++;
            }
        }
    }

    /// <summary>Wakes the page's writer; never blocks (a pending wake-up absorbs further ones).</summary>
    public void Signal() => _signal.Writer.TryWrite(true);

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
            var batch = new ClientBatch(_resync, [.. _telemetry.Values.SelectMany(q => q)], [.. _messages]);
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

    private void Overflow(int incoming)
    {
        _dropped += _messages.Count + _telemetryPending + incoming;
        Clear();
        _resync = true;
    }

    private void Clear()
    {
        _messages.Clear();
        _telemetry.Clear();
        _telemetryPending = 0;
    }
}

/// <summary>One SSE message ready to write: its event name and its JSON data, serialised once for every page.</summary>
internal sealed record OutgoingMessage(string Event, string Data);

internal sealed record ClientBatch(bool Resync, IReadOnlyList<TelemetryPointDto> Telemetry, IReadOnlyList<OutgoingMessage> Messages);
