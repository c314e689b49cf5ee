namespace UsocHil.Time;

/// <summary>
/// Exchanges the harness has open with the emulated rig (a command, a parameter read, an instrument query), for a paced
/// clock: rig time may run at most a lead past the start of the oldest, so a round trip costs the rig the moment it
/// would on a quiet bench, whatever the wall clock does meanwhile. One that is not answered (a timeout under test) holds
/// the clock for a bounded wall time only; after it, a clock that follows (and has no pace of its own) may run past it
/// at <paramref name="paceAfterLetGo"/> times the wall clock, so a harness slowed down by its machine cannot let hours of
/// rig time pass inside one exchange.
/// </summary>
/// <param name="paceAfterLetGo">0: an exchange let go no longer holds the clock at all (a paced clock keeps its own pace).</param>
internal sealed class ExchangeHolds(long leadTicks, long letGoAfterWallTicks, double paceAfterLetGo = 0)
{
    private readonly List<(long Id, long RigAt, long LetGoAtWall)> _open = [];
    private long _ids;

    /// <param name="letGoAfterWall">How long this one may hold the clock (wall ticks); the default when null.</param>
    public long Open(long rigNow, long wallNow, long? letGoAfterWall = null)
    {
        long id = ++_ids;
        _open.Add((id, rigNow, wallNow + (letGoAfterWall ?? letGoAfterWallTicks)));
        return id;
    }

    public void Close(long id) => _open.RemoveAll(h => h.Id == id);

    /// <summary>The rig time the clock may not pass now; <see cref="long.MaxValue"/> when no exchange holds it.</summary>
    public long Cap(long wallNow)
    {
        if (_open.Count == 0)
        {
            return long.MaxValue;
        }

        if (paceAfterLetGo == 0)
        {
            _open.RemoveAll(h => wallNow > h.LetGoAtWall);
        }

        long cap = long.MaxValue;
        foreach ((long _, long rigAt, long letGoAtWall) in _open)
        {
            long past = wallNow > letGoAtWall ? (long)((wallNow - letGoAtWall) * paceAfterLetGo) : 0;
            cap = Math.Min(cap, rigAt + leadTicks + past);
        }

        return cap;
    }
}
