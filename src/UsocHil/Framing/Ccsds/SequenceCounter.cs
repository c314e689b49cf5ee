using System.Collections.Concurrent;

namespace UsocHil.Framing.Ccsds;

/// <summary>Hands out the next 14-bit sequence count of each APID for packets a side sends; thread-safe.</summary>
public sealed class SequenceCounter
{
    private readonly ConcurrentDictionary<ushort, StrongBox<int>> _next = new();

    /// <summary>The count for the next packet of <paramref name="apid"/>, modulo 16384.</summary>
    public ushort Next(ushort apid)
    {
        StrongBox<int> box = _next.GetOrAdd(apid, static _ => new StrongBox<int>(-1));
        int value = Interlocked.Increment(ref box.Value);
        return (ushort)(value & (SpacePacketHeader.SequenceCountModulo - 1));
    }

    private sealed class StrongBox<T>(T value)
    {
        public T Value = value;
    }
}
