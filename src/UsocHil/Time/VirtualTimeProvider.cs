namespace UsocHil.Time;

/// <summary>
/// Rig time running <see cref="TimeScale"/> times faster than the wall clock, so an emulated rig can calibrate
/// two hours of physics in seconds while harness and emulator still agree on what time it is.
/// </summary>
public sealed class VirtualTimeProvider : TimeProvider
{
    private readonly TimeProvider _wall;
    private readonly long _wallStart;
    private readonly DateTimeOffset _rigStart;

    public VirtualTimeProvider(TimeProvider wall, double timeScale)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "time scale must be a positive number");
        }

        _wall = wall;
        TimeScale = timeScale;
        _wallStart = wall.GetTimestamp();
        _rigStart = wall.GetUtcNow();
    }

    public double TimeScale { get; }

    public override long TimestampFrequency => _wall.TimestampFrequency;

    public override long GetTimestamp()
    {
        long wallElapsed = _wall.GetTimestamp() - _wallStart;
        return _wallStart + (long)(wallElapsed * TimeScale);
    }

    public override DateTimeOffset GetUtcNow() => _rigStart + GetElapsedTime(_wallStart, GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(this, _wall.CreateTimer(callback, state, ToWall(dueTime), ToWall(period)));

    private TimeSpan ToWall(TimeSpan rigSpan)
    {
        if (rigSpan == Timeout.InfiniteTimeSpan || rigSpan <= TimeSpan.Zero)
        {
            return rigSpan;
        }

        // System timers work in whole milliseconds: a period that scales below one would truncate to zero, which
        // means "no period" and a timer that fires once. Never shorter than a wall millisecond, then.
        var wall = TimeSpan.FromTicks((long)(rigSpan.Ticks / TimeScale));
        return wall < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wall;
    }

    /// <summary>Keeps <see cref="ITimer.Change"/> in rig time too.</summary>
    private sealed class ScaledTimer(VirtualTimeProvider clock, ITimer wallTimer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => wallTimer.Change(clock.ToWall(dueTime), clock.ToWall(period));

        public void Dispose() => wallTimer.Dispose();

        public ValueTask DisposeAsync() => wallTimer.DisposeAsync();
    }
}
