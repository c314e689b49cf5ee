namespace UsocHil.Time;

/// <summary>
/// Housekeeping reports an emulator sent that the harness has not yet taken in, for a paced clock: rig time may run at
/// most a lead past the oldest of them. A report that never arrives (lost to a corrupted frame, a pulled cable) holds
/// the clock for a bounded wall time only, then is let go, one report at a time.
/// </summary>
internal sealed class FollowBacklog(long leadTicks, long letGoAfterWallTicks)
{
    private const int Capacity = 4096;
    private readonly Queue<long> _sentAtRig = new();
    private long _headSinceWall;

    /// <summary>A report was sent that the harness has not yet taken in (nor let go).</summary>
    public bool Outstanding => _sentAtRig.Count > 0;

    /// <summary>Reports let go without the harness taking them in.</summary>
    public long LetGo { get; private set; }

    public void Sent(long rigNow, long wallNow)
    {
        if (_sentAtRig.Count == 0)
        {
            _headSinceWall = wallNow;
        }

        _sentAtRig.Enqueue(rigNow);
        if (_sentAtRig.Count > Capacity)
        {
            _sentAtRig.Dequeue();
        }
    }

    public void Followed(long wallNow)
    {
        if (_sentAtRig.Count > 0)
        {
            _sentAtRig.Dequeue();
            _headSinceWall = wallNow;
        }
    }

    /// <summary>The rig time the clock may not pass now; <see cref="long.MaxValue"/> when nothing is outstanding.</summary>
    public long Cap(long wallNow)
    {
        if (_sentAtRig.Count > 0 && wallNow - _headSinceWall > letGoAfterWallTicks)
        {
            _sentAtRig.Dequeue();
            _headSinceWall = wallNow;
            LetGo++;
        }

        return _sentAtRig.Count == 0 ? long.MaxValue : _sentAtRig.Peek() + leadTicks;
    }
}
