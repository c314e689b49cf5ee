using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Serilog;

namespace UsocHil.Results;

/// <summary>
/// The archive's single writer: drains a queue on its own connection in short transactions, committing once the queue
/// has run dry for <see cref="Linger"/> (at once when a flush is asked for), every <see cref="MaxRows"/> rows or every
/// <see cref="MaxLatency"/>, whichever comes first, so a row is durable (WAL, safe against a killed process) well within
/// a second of being recorded. The linger gathers a run's trickle of rows (a few per step) into one transaction instead
/// of one commit per row, which cost a step more than the step itself. A full queue (more than <see cref="Capacity"/>
/// rows not yet taken) makes recorders wait rather than lose rows; below that, recording a row takes no lock (a
/// bounded channel's lock, taken by the engine for every row and by the writer for every row it read, was contended on
/// every step on two cores). Rows that wait for room keep their order when each write is awaited (or, from a run
/// observer, blocks), as every caller does. When the archive cannot take a row (disk full, a lock held too long, the
/// file deleted) the writer stops, counts every row it could not keep, and says so through <see cref="Failure"/> at
/// once, so the run can be stopped instead of going on unrecorded.
/// </summary>
internal sealed class ArchiveWriter : IAsyncDisposable
{
    public const int MaxRows = 20_000;
    public const int Capacity = 262_144;
    public static readonly TimeSpan MaxLatency = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(20);

    private readonly Channel<WriteItem> _channel = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string _path;
    private readonly Task _loop;
    private readonly TaskCompletionSource<ResultsArchiveException> _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _fault;
    private long _lost;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _queued; // rows written and not yet taken by the writer (counted before they are queued)
    private TaskCompletionSource _room = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ArchiveWriter(SqliteConnection connection, string path, TimeProvider time, ILogger log)
    {
        _connection = connection;
        _path = path;
        _time = time;
        _log = log;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Rows committed so far.</summary>
    public long Committed { get; private set; }

    /// <summary>Rows that were recorded but are not in the archive because it failed: the batch it was committing, the queue and every later row.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Completes when the archive can take no more rows; never, while it can.</summary>
    public Task<ResultsArchiveException> Failure => _failure.Task;

    public ValueTask WriteAsync(WriteItem item, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        if (Interlocked.Increment(ref _queued) <= Capacity)
        {
            Queue(item);
            return ValueTask.CompletedTask;
        }

        return QueueWhenRoomAsync(item, cancellationToken);
    }

    /// <summary>
    /// For synchronous callers (run observers): never drops a row, so when the queue is full the caller waits for
    /// the writer, the same backpressure an awaiting caller gets.
    /// </summary>
    public void Write(WriteItem item)
    {
        ThrowIfFaulted();
        if (Interlocked.Increment(ref _queued) <= Capacity)
        {
            Queue(item);
        }
        else
        {
            QueueWhenRoomAsync(item, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Completes once everything written before it is committed.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await WriteAsync(WriteItem.Of(WriteKind.Flush, 0, done), cancellationToken);
        Volatile.Read(ref _wake).TrySetResult();
        await done.Task.WaitAsync(cancellationToken);
    }

    private void Queue(WriteItem item)
    {
        if (!_channel.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _queued);
            ThrowIfFaulted();
            throw new ChannelClosedException("the archive writer is closed");
        }
    }

    /// <summary>Waits (this row already counted) until the writer has taken enough rows for it to fit, then queues it.</summary>
    private async ValueTask QueueWhenRoomAsync(WriteItem item, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                Task room = Volatile.Read(ref _room).Task; // read before the count: a drain after this sets it
                if (Volatile.Read(ref _queued) <= Capacity || _fault is not null || _channel.Reader.Completion.IsCompleted)
                {
                    break;
                }

                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            Interlocked.Decrement(ref _queued);
            throw;
        }

        ThrowIfFaulted();
        Queue(item);
    }

    /// <summary>The writer took <paramref name="rows"/> items off the queue; recorders waiting for room may go on.</summary>
    private void Taken(int rows)
    {
        if (rows > 0 && Interlocked.Add(ref _queued, -rows) + rows > Capacity)
        {
            Interlocked.Exchange(ref _room, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private void ThrowIfFaulted()
    {
        if (_fault is { } fault)
        {
            Interlocked.Increment(ref _lost);
            throw new ResultsArchiveException(_path, $"the archive writer failed: {fault.Message}", fault);
        }
    }

    private async Task RunAsync()
    {
        using var inserter = new RowInserter(_connection, _path);
        var flushes = new List<TaskCompletionSource>();
        var recorded = new List<(long Run, MeasurementRow Measurement)>();
        ChannelReader<WriteItem> reader = _channel.Reader;
        int rows = 0;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                // The clock that follows a max run does not wait for the archive (Time/Bookkeeping).
                Time.Bookkeeping.Begin();
                try
                {
                    long started = _time.GetTimestamp();
                    rows = 0;
                    int taken = 0;
                    using (SqliteTransaction transaction = _connection.BeginTransaction())
                    {
                        inserter.Begin(transaction);
                        while (rows < MaxRows)
                        {
                            if (!reader.TryRead(out WriteItem item))
                            {
                                if (flushes.Count > 0 || reader.Completion.IsCompleted || !await LingerAsync(started))
                                {
                                    break;
                                }

                                continue;
                            }

                            taken++;
                            if (item.Kind == WriteKind.Flush)
                            {
                                flushes.Add((TaskCompletionSource)item.Payload!);
                                continue;
                            }

                            inserter.Insert(item);
                            rows++;
                            if (item.Payload is MeasurementRow m)
                            {
                                recorded.Add((item.RunId, m));
                            }

                            if ((rows & 255) == 0 && _time.GetElapsedTime(started) >= MaxLatency)
                            {
                                break;
                            }
                        }

                        Taken(taken);
                        inserter.EndBatch();
                        transaction.Commit();
                    }

                    RequireFileInPlace();
                    Committed += rows;
                    rows = 0;
                    foreach ((long run, MeasurementRow m) in recorded)
                    {
                        _log.Information("Run {Run}: measurement {Measurement} = {Value} recorded", run, m.Name, m.Value);
                    }

                    recorded.Clear();
                    flushes.ForEach(f => f.TrySetResult());
                    flushes.Clear();
                }
                finally
                {
                    Time.Bookkeeping.End();
                }
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException or InvalidCastException)
        {
            _fault = e;
            _channel.Writer.TryComplete(e);
            Volatile.Read(ref _room).TrySetResult(); // recorders waiting for room learn of the failure
            long lost = rows;
            flushes.ForEach(f => f.TrySetException(e));
            while (reader.TryRead(out WriteItem item))
            {
                if (item.Payload is TaskCompletionSource flush)
                {
                    flush.TrySetException(e);
                }
                else
                {
                    lost++;
                }
            }

            Interlocked.Add(ref _lost, lost);
            _log.Error(e, "Results archive {Path} cannot take more rows; {Lost} row(s) queued for it are not in it", _path, lost);
            _failure.TrySetResult(new ResultsArchiveException(_path, e.Message, e));
        }
    }

    /// <summary>
    /// Waits, with the transaction open, for more rows until <see cref="Linger"/> after this transaction began, a flush
    /// or the end; false when it is time to commit.
    /// </summary>
    private async ValueTask<bool> LingerAsync(long started)
    {
        TimeSpan open = _time.GetElapsedTime(started);
        if (open >= Linger)
        {
            return false;
        }

        Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_channel.Reader.TryPeek(out _))
        {
            return true; // a row (or a flush) came while the wake-up was being replaced
        }

        if (_channel.Reader.Completion.IsCompleted)
        {
            return false;
        }

        Time.Bookkeeping.End();
        try
        {
            await Task.WhenAny(_wake.Task, Task.Delay(Linger - open, _time)).ConfigureAwait(false);
        }
        finally
        {
            Time.Bookkeeping.Begin();
        }

        return true;
    }

    /// <summary>SQLite goes on writing into a file that was deleted or moved away: what it commits there is lost to the archive.</summary>
    private void RequireFileInPlace()
    {
        if (!File.Exists(_path))
        {
            throw new IOException("the archive file was deleted or moved while the run was being recorded");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        Volatile.Read(ref _wake).TrySetResult();
        await _loop;
    }
}
