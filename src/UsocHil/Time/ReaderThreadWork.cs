namespace UsocHil.Time;

/// <summary>
/// Work under way on the links' dedicated reader threads, which hand what they receive to a waiting consumer and run
/// its continuation themselves (a reply completes the command that waited for it, and the step goes on from there).
/// The thread pool's counters do not see that work; a clock that follows (<see cref="IdleJumps"/>) waits for it too.
/// The reader that finishes the last of it offers the clock a jump on its own thread
/// (<see cref="IdleJumps.OnReaderFinished"/>): the emulator's next report is then written without waking another.
/// </summary>
internal static class ReaderThreadWork
{
    [ThreadStatic]
    private static int t_working;

    private static int _running;
    private static IdleJumps[] _followers = [];

    public static bool Running => Volatile.Read(ref _running) > 0;

    /// <summary>This thread is a reader at work: whatever it starts, the clock hears of when the last reader finishes.</summary>
    public static bool OnThisThread => t_working > 0;

    public static void Begin()
    {
        t_working++;
        Interlocked.Increment(ref _running);
    }

    public static void End()
    {
        t_working--;
        if (Interlocked.Decrement(ref _running) == 0)
        {
            foreach (IdleJumps follower in Volatile.Read(ref _followers))
            {
                follower.OnReaderFinished();
            }
        }
    }

    /// <summary>A clock that follows, told whenever the last reader finishes.</summary>
    public static void Follow(IdleJumps jumps) => Change(followers => [.. followers, jumps]);

    public static void Unfollow(IdleJumps jumps) => Change(followers => [.. followers.Where(f => f != jumps)]);

    private static void Change(Func<IdleJumps[], IdleJumps[]> change)
    {
        IdleJumps[] seen, changed;
        do
        {
            seen = Volatile.Read(ref _followers);
            changed = change(seen);
        }
        while (Interlocked.CompareExchange(ref _followers, changed, seen) != seen);
    }
}
