namespace UsocHil.Time;

/// <summary>
/// Work on the thread pool that a clock following harness and emulator (<see cref="IdleJumps"/>) does not wait for:
/// the results archive committing what the run has recorded. It changes nothing on the rig nor in what the harness
/// decides, so rig time may move on while it runs; counted as busy, each commit held the emulator's next tick.
/// </summary>
internal static class Bookkeeping
{
    private static int _running;

    /// <summary>Pool threads busy with bookkeeping now.</summary>
    public static int Running => Volatile.Read(ref _running);

    public static void Begin() => Interlocked.Increment(ref _running);

    public static void End() => Interlocked.Decrement(ref _running);
}
