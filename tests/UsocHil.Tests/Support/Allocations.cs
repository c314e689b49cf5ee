namespace UsocHil.Tests.Support;

/// <summary>Bytes a piece of code allocates on the calling thread, for zero-allocation tests.</summary>
internal static class Allocations
{
    /// <summary>
    /// The least of three rounds of <paramref name="round"/>: a steady-state allocation shows in every round, while the
    /// runtime's own one-off work on this thread (tiering up a loop mid-round) shows in one at most.
    /// </summary>
    public static long LeastOfThreeRounds(Action round)
    {
        long least = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            round();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
