using System.Threading.Channels;

namespace UsocHil.Sequencing;

/// <summary>
/// The run's trigger queue, read by one loop so that step completions, alarms and the operator's abort are fired one at
/// a time. A trigger from a phase's work carries that phase's generation; once the run has left the phase (a new phase
/// started, or the phase was cancelled) its late triggers are stale and dropped.
/// </summary>
internal sealed class RunTriggers
{
    private readonly Channel<RunTriggerRequest> _queue = Channel.CreateUnbounded<RunTriggerRequest>(new UnboundedChannelOptions { SingleReader = true });
    private long _generation;

    /// <summary>The generation of the phase under way.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Leaves the current phase: its triggers from now on are stale. Returns the new generation.</summary>
    public long NextGeneration() => Interlocked.Increment(ref _generation);

    /// <summary>Queues <paramref name="trigger"/>; with a <paramref name="generation"/>, only while that phase is current.</summary>
    public void Post(RunTrigger trigger, long? generation, string? reason) =>
        _queue.Writer.TryWrite(new RunTriggerRequest(trigger, generation, reason));

    public bool IsStale(RunTriggerRequest request) => request.Generation is { } generation && generation != Generation;

    public IAsyncEnumerable<RunTriggerRequest> ReadAllAsync() => _queue.Reader.ReadAllAsync(CancellationToken.None);
}
