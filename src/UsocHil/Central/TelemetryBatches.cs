using System.Runtime.CompilerServices;
using System.Threading.Channels;
using UsocHil.Results;

namespace UsocHil.Central;

/// <summary>
/// Reads a station's telemetry on its own thread, a few batches ahead of the COPY that sends it, so that reading the
/// station archive and writing to the centre overlap instead of taking turns. Started before the run's other rows are
/// written, so the first batches are ready when the telemetry COPY begins; the same few batch arrays go round.
/// </summary>
internal sealed class TelemetryBatches : IAsyncDisposable
{
    private const int BatchSize = 2048;
    private const int BatchesAhead = 16;

    private readonly Channel<ArraySegment<TelemetryRow>> _full =
        Channel.CreateBounded<ArraySegment<TelemetryRow>>(new BoundedChannelOptions(BatchesAhead) { SingleReader = true, SingleWriter = true });

    // As many arrays as can wait in the channel, and the reader's and the one being copied.
    private readonly Channel<TelemetryRow[]> _empty = Channel.CreateUnbounded<TelemetryRow[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop;
    private readonly Task _reading;

    private TelemetryBatches(IEnumerable<TelemetryRow> rows, CancellationToken ct)
    {
        for (int i = 0; i < BatchesAhead + 2; i++)
        {
            _empty.Writer.TryWrite(new TelemetryRow[BatchSize]);
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _reading = Task.Run(() => Read(rows, _stop.Token), CancellationToken.None);
    }

    public static TelemetryBatches Start(IEnumerable<TelemetryRow> rows, CancellationToken ct) => new(rows, ct);

    /// <summary>The rows in order, a batch at a time; a batch is only valid until the next is asked for.</summary>
    public async IAsyncEnumerable<ArraySegment<TelemetryRow>> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (ArraySegment<TelemetryRow> batch in _full.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            yield return batch;
            _empty.Writer.TryWrite(batch.Array!);
        }

        await _reading.ConfigureAwait(false);
    }

    /// <summary>Stops the reader (a COPY that failed stops it before the store's read ends underneath it) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private void Read(IEnumerable<TelemetryRow> rows, CancellationToken ct)
    {
        try
        {
            TelemetryRow[] batch = Take(ct);
            int count = 0;
            foreach (TelemetryRow row in rows)
            {
                batch[count++] = row;
                if (count == BatchSize)
                {
                    Send(new ArraySegment<TelemetryRow>(batch), ct);
                    batch = Take(ct);
                    count = 0;
                }
            }

            if (count > 0)
            {
                Send(new ArraySegment<TelemetryRow>(batch, 0, count), ct);
            }

            _full.Writer.Complete();
        }
        catch (Exception e)
        {
            _full.Writer.Complete(e);
            throw;
        }
    }

    private TelemetryRow[] Take(CancellationToken ct)
    {
        TelemetryRow[]? batch;
        while (!_empty.Reader.TryRead(out batch))
        {
            _empty.Reader.WaitToReadAsync(ct).AsTask().GetAwaiter().GetResult();
        }

        return batch;
    }

    private void Send(ArraySegment<TelemetryRow> batch, CancellationToken ct)
    {
        while (!_full.Writer.TryWrite(batch))
        {
            _full.Writer.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult();
        }
    }
}
