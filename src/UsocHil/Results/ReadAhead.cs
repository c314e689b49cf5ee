using System.Collections;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace UsocHil.Results;

/// <summary>
/// Rows read on a thread of their own, a few batches ahead of the caller, so that reading an archive and what the
/// caller does with the rows (hashing them for a seal, sending them to the centre by COPY) overlap on two cores instead
/// of taking turns. Read either row by row (<see cref="GetEnumerator"/>) or a batch at a time
/// (<see cref="ReadBatchesAsync"/>), once. Reading starts at the first row asked for, or at <see cref="Start"/>.
/// The caller leaves the connection the rows come from alone until the rows have ended or the reader is disposed:
/// stopping early stops the reading thread and waits for it. A failure to read reaches the caller after the rows read
/// before it, as the exception it was.
/// </summary>
internal sealed class ReadAhead<T> : IEnumerable<T>, IAsyncDisposable
{
    private readonly IEnumerable<T> _source;
    private readonly int _batchSize;
    private readonly Channel<ArraySegment<T>> _full;

    // Arrays the caller has finished with, for the reader to fill again: the same few go round.
    private readonly Channel<T[]> _empty = Channel.CreateUnbounded<T[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExceptionDispatchInfo? _failure;

    // Arrays still to be made, when none is free: as many as can wait full, plus the reader's and the caller's. Made
    // only when needed, so a short stream (a run's few transitions) costs one array, not all of them.
    private int _arraysLeft;
    private int _started;

    /// <param name="batchSize">Rows per batch.</param>
    /// <param name="batchesAhead">Full batches that may wait for the caller before the reader waits in turn.</param>
    public ReadAhead(IEnumerable<T> source, int batchSize = 1024, int batchesAhead = 8)
    {
        _source = source;
        _batchSize = batchSize;
        _full = Channel.CreateBounded<ArraySegment<T>>(new BoundedChannelOptions(batchesAhead) { SingleReader = true, SingleWriter = true });
        _arraysLeft = batchesAhead + 2;
    }

    /// <summary>Starts reading now, so the first batches are ready when the caller comes to them.</summary>
    public ReadAhead<T> Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 0)
        {
            new Thread(Read) { IsBackground = true, Name = "archive read-ahead" }.Start();
        }

        return this;
    }

    public IEnumerator<T> GetEnumerator() => Rows().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The rows in order, a batch at a time; a batch is only valid until the next is asked for.</summary>
    public async IAsyncEnumerable<ArraySegment<T>> ReadBatchesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        Start();
        await foreach (ArraySegment<T> batch in _full.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            yield return batch;
            _empty.Writer.TryWrite(batch.Array!);
        }

        await _finished.Task.ConfigureAwait(false);
        _failure?.Throw();
    }

    /// <summary>Stops the reader (the caller failed or has what it needs) and waits until it has let go of the source.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (Volatile.Read(ref _started) == 1)
        {
            await _finished.Task.ConfigureAwait(false);
        }
    }

    private IEnumerable<T> Rows()
    {
        Start();
        try
        {
            while (true)
            {
                if (!_full.Reader.TryRead(out ArraySegment<T> batch))
                {
                    if (!_full.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                    {
                        break;
                    }

                    continue;
                }

                foreach (T row in batch)
                {
                    yield return row;
                }

                _empty.Writer.TryWrite(batch.Array!);
            }
        }
        finally
        {
            _stop.Cancel();
            _finished.Task.GetAwaiter().GetResult();
        }

        _failure?.Throw();
    }

    private void Read()
    {
        T[]? batch = null;
        int count = 0;
        try
        {
            batch = Take();
            foreach (T row in _source)
            {
                batch[count++] = row;
                if (count == _batchSize)
                {
                    Send(new ArraySegment<T>(batch));
                    batch = Take();
                    count = 0;
                }
            }

            if (count > 0)
            {
                Send(new ArraySegment<T>(batch, 0, count));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // The caller stopped reading.
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            SendWhatWasRead(batch, count);
        }
        finally
        {
            // The source's enumerator is disposed (its statement finalised) before the caller hears of the end.
            _full.Writer.Complete();
            _finished.SetResult();
        }
    }

    private void SendWhatWasRead(T[]? batch, int count)
    {
        try
        {
            if (batch is not null && count > 0)
            {
                Send(new ArraySegment<T>(batch, 0, count));
            }
        }
        catch (OperationCanceledException)
        {
            // The caller stopped reading.
        }
    }

    private T[] Take()
    {
        T[]? batch;
        while (!_empty.Reader.TryRead(out batch))
        {
            if (_arraysLeft > 0)
            {
                _arraysLeft--;
                return new T[_batchSize];
            }

            _empty.Reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
        }

        return batch;
    }

    private void Send(ArraySegment<T> batch)
    {
        while (!_full.Writer.TryWrite(batch))
        {
            _full.Writer.WaitToWriteAsync(_stop.Token).AsTask().GetAwaiter().GetResult();
        }
    }
}
