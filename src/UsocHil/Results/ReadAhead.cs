using System.Collections;
using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace UsocHil.Results;

/// <summary>
/// A stream of rows read on a thread of its own while the caller consumes them, a batch at a time, so that reading a
/// long run's telemetry and packets and hashing them overlap on two cores: the seal of a long run was most of the time
/// between the end of the run and its record. The caller must leave the connection the rows come from alone until the
/// stream has ended or been disposed; disposing stops the reading thread and waits for it, and a failure to read is
/// thrown to the caller as it was.
/// </summary>
internal sealed class ReadAhead<T>(IEnumerable<T> source) : IEnumerable<T>
{
    private const int Batch = 1024;
    private const int BatchesAhead = 8;

    public IEnumerator<T> GetEnumerator() => Read().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<T> Read()
    {
        using var batches = new BlockingCollection<T[]>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        ExceptionDispatchInfo? failure = null;
        var reading = new Thread(() =>
        {
            var batch = new List<T>(Batch);
            try
            {
                foreach (T item in source)
                {
                    batch.Add(item);
                    if (batch.Count == Batch)
                    {
                        batches.Add([.. batch], stop.Token);
                        batch.Clear();
                    }
                }

                if (batch.Count > 0)
                {
                    batches.Add([.. batch], stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // The caller stopped consuming.
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
                try
                {
                    batches.Add([.. batch], stop.Token); // the rows read before it
                }
                catch (OperationCanceledException)
                {
                    // The caller stopped consuming.
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        })
        { IsBackground = true, Name = "archive read-ahead" };
        reading.Start();
        try
        {
            foreach (T[] items in batches.GetConsumingEnumerable())
            {
                foreach (T item in items)
                {
                    yield return item;
                }
            }
        }
        finally
        {
            stop.Cancel();
            reading.Join();
        }

        failure?.Throw();
    }
}
