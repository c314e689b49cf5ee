using UsocHil.Time;

namespace UsocHil.Links;

/// <summary>
/// Transport timings (connect timeouts, reconnect backoff, GPIO polling, disposal bounds) belong to the wire, not to
/// the rig: a kernel accepts a connection no faster because the emulated payload runs 400× faster. Given the rig's
/// clock, this converts a wall-clock span into the span that lasts that long on it, so links can take the injected
/// <see cref="TimeProvider"/> (virtual, fake or system) and still time the wire in wall terms.
/// </summary>
internal static class TransportTime
{
    public static TimeSpan OnClock(TimeProvider clock, TimeSpan wall) =>
        clock is VirtualTimeProvider scaled && wall != Timeout.InfiniteTimeSpan
            ? TimeSpan.FromTicks((long)(wall.Ticks * scaled.TimeScale))
            : wall;

    /// <summary>The wall-clock length of a span measured on the rig's clock: the inverse of <see cref="OnClock"/>.</summary>
    public static TimeSpan AsWall(TimeProvider clock, TimeSpan onClock) =>
        clock is VirtualTimeProvider scaled
            ? TimeSpan.FromTicks((long)(onClock.Ticks / scaled.TimeScale))
            : onClock;
}
