namespace UsocHil.Time;

/// <summary>
/// A timer of a paced <see cref="VirtualTimeProvider"/>: due at a rig time, which holds the clock until it fires; its
/// wall timer only wakes it, and the clock fires it as soon as the rig time is seen to have come.
/// </summary>
internal sealed class PacedTimer(VirtualTimeProvider clock, TimerCallback callback, object? state, long id) : ITimer
{
    /// <summary>Earliest due first; equal due times in creation order.</summary>
    public static readonly IComparer<PacedTimer> ByDue = Comparer<PacedTimer>.Create(
        static (a, b) => a.DueRig != b.DueRig ? a.DueRig.CompareTo(b.DueRig) : a.Id.CompareTo(b.Id));

    public VirtualTimeProvider Clock { get; } = clock;

    public TimerCallback Callback { get; } = callback;

    public object? State { get; } = state;

    public long Id { get; } = id;

    public ITimer? Wall { get; set; }

    // The fields below change only under the clock's lock.
    public long DueRig { get; set; }

    public long PeriodRig { get; set; }

    public bool Active { get; set; }

    /// <summary>Handed to the thread pool to fire; it still holds the clock until it runs.</summary>
    public bool Dispatched { get; set; }

    public bool Disposed { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (Disposed)
        {
            return false;
        }

        Clock.Schedule(this, dueTime, period);
        return true;
    }

    public void Dispose()
    {
        Disposed = true;
        Clock.Cancel(this);
        Wall?.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
