namespace UsocHil.Time;

/// <summary>
/// Work under way on the links' dedicated reader threads, which hand what they receive to a waiting consumer and run
/// its continuation themselves (a reply completes the command that waited for it, and the step goes on from there).
/// The thread pool's counters do not see that work; a clock that follows (<see cref="IdleJumps"/>) waits for it too.
/// </summary>
internal static class ReaderThreadWork
{
    private static int _running;

    public static bool Running => Volatile.Read(ref _running) > 0;

    public static void Begin() => Interlocked.Increment(ref _running);

    public static void End() => Interlocked.Decrement(ref _running);
}
