namespace UsocHil.Sequencing;

/// <summary>
/// The run's trigger queue, read by one loop so that step completions, alarms and the operator's abort are fired one at
/// a time, in the order they were posted. A trigger from a phase's work carries that phase's generation; once the run
/// has left the phase (a new phase started, or the phase was cancelled) its late triggers are stale and dropped.
/// A phase's own outcome (<see cref="PostFromPhase"/>) lets the waiting loop go on on the phase's thread, whose work is
/// over: one thread hop per step instead of two. Anyone else (alarms from a link's reader, the operator, a
/// cancellation callback) only queues the trigger and wakes the loop on the thread pool, so no foreign thread ever
/// runs the state machine.
/// </summary>
internal sealed class RunTriggers
{
    private readonly Queue<RunTriggerRequest> _queue = new();
    private TaskCompletionSource? _waiting;
    private long _generation;

    /// <summary>The generation of the phase under way.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Leaves the current phase: its triggers from now on are stale. Returns the new generation.</summary>
    public long NextGeneration() => Interlocked.Increment(ref _generation);

    /// <summary>Queues <paramref name="trigger"/>; with a <paramref name="generation"/>, only while that phase is current.</summary>
    public void Post(RunTrigger trigger, long? generation, string? reason) =>
        Enqueue(new RunTriggerRequest(trigger, generation, reason), continueHere: false);

    /// <summary>
    /// Queues the outcome of the phase running on this thread, as its last act; a loop waiting for it fires it (and
    /// starts the next phase) before this call returns.
    /// </summary>
    public void PostFromPhase(RunTrigger trigger, long generation, string? reason) =>
        Enqueue(new RunTriggerRequest(trigger, generation, reason), continueHere: true);

    public bool IsStale(RunTriggerRequest request) => request.Generation is { } generation && generation != Generation;

    /// <summary>The next trigger, in posting order; waits for one when none is queued. One reader only.</summary>
    public ValueTask<RunTriggerRequest> NextAsync()
    {
        Task posted;
        lock (_queue)
        {
            if (_queue.TryDequeue(out RunTriggerRequest? request))
            {
                return ValueTask.FromResult(request);
            }

            // Continuations run where SetResult is called: on the phase's thread, or on the pool (see Enqueue).
            _waiting = new TaskCompletionSource();
            posted = _waiting.Task;
        }

        return AfterAsync(posted);
    }

    public async IAsyncEnumerable<RunTriggerRequest> ReadAllAsync()
    {
        while (true)
        {
            yield return await NextAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask<RunTriggerRequest> AfterAsync(Task posted)
    {
        await posted.ConfigureAwait(false);
        lock (_queue)
        {
            return _queue.Dequeue();
        }
    }

    private void Enqueue(RunTriggerRequest request, bool continueHere)
    {
        TaskCompletionSource? waiting;
        lock (_queue)
        {
            _queue.Enqueue(request);
            waiting = _waiting;
            _waiting = null;
        }

        if (waiting is null)
        {
            return;
        }

        if (continueHere)
        {
            waiting.SetResult();
        }
        else
        {
            ThreadPool.UnsafeQueueUserWorkItem(static w => w.SetResult(), waiting, preferLocal: false);
        }
    }
}
