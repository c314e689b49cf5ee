namespace UsocHil.Links;

/// <summary>
/// A link that can hand bytes to the operating system without waiting for room on the line: what fits goes now, the
/// rest stays with the caller. An emulator's tick sends its report this way on its own thread; only a full line (a
/// harness that stopped reading) leaves the report to a thread that may wait.
/// </summary>
public interface IWritesWithoutWaiting
{
    /// <summary>Writes as much of <paramref name="data"/> as the line takes now; returns how many bytes went (0 when it is full).</summary>
    int WriteWhatFits(ReadOnlySpan<byte> data);
}
