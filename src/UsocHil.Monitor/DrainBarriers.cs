using System.Collections.Concurrent;

namespace UsocHil.Monitor;

/// <summary>
/// Lets a caller wait until every report posted before it asked has been handled: applied to the run's view, or
/// dropped by a full inbox. Counted rather than queued in the inbox, because a full inbox in drop mode would drop a
/// queued barrier too, and its waiter would wait for ever.
/// </summary>
internal sealed class DrainBarriers
{
    private readonly ConcurrentQueue<(long Posted, TaskCompletionSource Done)> _waiting = new();
    private long _posted;
    private long _handled;

    public void Posted() => Interlocked.Increment(ref _posted);

    public void Handled() => Interlocked.Increment(ref _handled);

    /// <summary>Null when everything posted so far has been handled already.</summary>
    public Task? Wait()
    {
        long posted = Interlocked.Read(ref _posted);
        if (Interlocked.Read(ref _handled) >= posted)
        {
            return null;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Enqueue((posted, done));
        return done.Task;
    }

    /// <summary>Completes the waits that are due; all of them when nothing more will be handled.</summary>
    public void Release(bool all = false)
    {
        long handled = Interlocked.Read(ref _handled);
        while (_waiting.TryPeek(out var barrier) && (all || barrier.Posted <= handled) && _waiting.TryDequeue(out barrier))
        {
            barrier.Done.TrySetResult();
        }
    }
}
