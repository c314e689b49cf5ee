using System.Globalization;

namespace UsocHil.Time;

/// <summary>
/// Rig time running <see cref="TimeScale"/> times faster than the wall clock, so an emulated rig can calibrate
/// two hours of physics in seconds while harness and emulator still agree on what time it is.
/// </summary>
/// <remarks>
/// A <em>paced</em> clock (harness and emulator in one process, sharing this clock) runs no faster than both can follow:
/// rig time does not pass a timer that is due but has not fired by more than <see cref="Lead"/>, nor a housekeeping report
/// the emulator sent and the harness has not taken in (<see cref="ReportSent"/>, <see cref="ReportFollowed"/>). At high
/// scales a stall of either side (a busy machine, a collection, JIT at start-up) then holds rig time instead of letting
/// minutes of it pass unseen, so the verdicts are those of a slower run.
/// <para>
/// A clock that <em>follows</em> (<c>--time-scale max</c>) is paced and, besides, jumps rig time to the next due timer
/// as soon as harness and emulator are idle (<see cref="IdleJumps"/>): no timer of either side waits for the wall
/// clock, so rig time runs as fast as the two can follow, and no faster.
/// </para>
/// </remarks>
public sealed class VirtualTimeProvider : TimeProvider, IDisposable
{
    /// <summary>How far rig time may run past a due timer or an unread report before it waits for them.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How fast a following clock runs past an exchange that has held it its bounded wall time: fast enough that a
    /// timeout under test costs milliseconds, slow enough that a harness stalled by its machine (a loaded CI runner, the
    /// first use of a code path) does not let the rig run for hours inside one step.
    /// </summary>
    public const double StalledExchangePace = 100;

    private readonly TimeProvider _wall;
    private readonly long _wallStart;
    private readonly DateTimeOffset _rigStart;
    private readonly Lock _gate = new();
    private readonly SortedSet<PacedTimer> _pending = new(PacedTimer.ByDue);
    private readonly FollowBacklog? _reports;
    private readonly ExchangeHolds? _exchanges;
    private readonly long _leadTicks;
    private long _anchorWall;
    private long _anchorRig;
    private long _last;
    private long _timerIds;
    private long _heldForTimers;
    private long _heldForReports;
    private long _heldForExchanges;
    private readonly IdleJumps? _jumps;
    private bool _jumping;
    // The rate rig time runs at against the wall clock: the time scale, or the wall clock's own once a following
    // clock stops following (after its run, while links close and the emulator stops).
    private double _pace;
    private int _firing;
    private long _jumpCount;
    private long _jumpedTicks;
    private long _heldSince;
    private bool _heldByReport;

    /// <param name="follows">Jumps to the next timer whenever harness and emulator are idle (needs <paramref name="paced"/>).</param>
    public VirtualTimeProvider(TimeProvider wall, double timeScale, bool paced = false, bool follows = false)
    {
        if (!(timeScale > 0) || double.IsInfinity(timeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(timeScale), timeScale, "time scale must be a positive number");
        }

        _wall = wall;
        TimeScale = timeScale;
        _pace = timeScale;
        Paced = paced;
        _wallStart = wall.GetTimestamp();
        _rigStart = wall.GetUtcNow();
        _anchorWall = _wallStart;
        _anchorRig = _wallStart;
        _last = _wallStart;
        _leadTicks = (long)(Lead.TotalSeconds * wall.TimestampFrequency);
        if (paced)
        {
            // A report lost on the wire (a corrupted frame) is never taken in: it holds rig time this long, no longer.
            _reports = new FollowBacklog(_leadTicks, (long)(0.05 * wall.TimestampFrequency));
            _exchanges = new ExchangeHolds(_leadTicks, (long)(0.05 * wall.TimestampFrequency), follows ? StalledExchangePace : 0);
        }

        if (follows)
        {
            if (!paced)
            {
                throw new ArgumentException("a clock that follows harness and emulator must be paced", nameof(follows));
            }

            _jumping = true;
            _jumps = new IdleJumps(this);
        }
    }

    public double TimeScale { get; }

    /// <summary>True when rig time waits for due timers and unread reports (see the remarks).</summary>
    public bool Paced { get; }

    /// <summary>True when rig time also jumps to the next timer whenever harness and emulator are idle (see the remarks).</summary>
    public bool Follows => _jumps is not null;

    /// <summary>
    /// How much wall time rig time spent held, and why: what a paced run did not follow of its scale. Null for a clock
    /// that is not paced.
    /// </summary>
    public string? DescribeHolds()
    {
        if (!Paced)
        {
            return null;
        }

        lock (_gate)
        {
            double Seconds(long ticks) => ticks / (double)TimestampFrequency;
            string held = string.Create(CultureInfo.InvariantCulture,
                $"rig time held {Seconds(_heldForTimers + _heldForReports + _heldForExchanges):F2} s of wall time (timers late {Seconds(_heldForTimers):F2} s, housekeeping not yet read {Seconds(_heldForReports):F2} s, exchanges with the rig {Seconds(_heldForExchanges):F2} s); {_reports!.LetGo} report(s) never read");
            return _jumps is null ? held : held + string.Create(CultureInfo.InvariantCulture,
                $"; {_jumpCount} jump(s) to the next timer while harness and emulator were idle, {Seconds(_jumpedTicks):F1} s of rig time in all");
        }
    }

    public override long TimestampFrequency => _wall.TimestampFrequency;

    public override long GetTimestamp()
    {
        if (!Paced)
        {
            long wallElapsed = _wall.GetTimestamp() - _wallStart;
            return _wallStart + (long)(wallElapsed * TimeScale);
        }

        List<PacedTimer>? due = null;
        long now;
        lock (_gate)
        {
            now = NowLocked(ref due);
        }

        Dispatch(due);
        return now;
    }

    public override DateTimeOffset GetUtcNow() => _rigStart + GetElapsedTime(_wallStart, GetTimestamp());

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!Paced)
        {
            return new ScaledTimer(this, _wall.CreateTimer(callback, state, ToWall(dueTime), ToWall(period)));
        }

        var timer = new PacedTimer(this, callback, state, Interlocked.Increment(ref _timerIds));
        Schedule(timer, dueTime, period);
        return timer;
    }

    /// <summary>The emulator queued a housekeeping report to the harness (paced clocks only; otherwise nothing).</summary>
    public void ReportSent()
    {
        if (_reports is null)
        {
            return;
        }

        List<PacedTimer>? due = null;
        lock (_gate)
        {
            long now = NowLocked(ref due);
            _reports.Sent(now, _wall.GetTimestamp());
        }

        Dispatch(due);
    }

    /// <summary>The harness took in a housekeeping report (paced clocks only; otherwise nothing).</summary>
    public void ReportFollowed()
    {
        if (_reports is null)
        {
            return;
        }

        List<PacedTimer>? due = null;
        lock (_gate)
        {
            // Time up to now is settled under the old hold before the hold lifts.
            NowLocked(ref due);
            _reports.Followed(_wall.GetTimestamp());
        }

        Dispatch(due);
        _jumps?.Activity();
    }

    /// <summary>
    /// The harness starts an exchange with the rig (paced clocks only; null otherwise): until it is disposed, rig time
    /// runs at most <see cref="Lead"/> past now, for a bounded wall time (<paramref name="letGoAfter"/>, else 50 ms).
    /// </summary>
    public IDisposable? HoldForExchange(TimeSpan? letGoAfter = null)
    {
        if (_exchanges is null)
        {
            return null;
        }

        List<PacedTimer>? due = null;
        long id;
        lock (_gate)
        {
            long now = NowLocked(ref due);
            id = _exchanges.Open(now, _wall.GetTimestamp(), letGoAfter is { } wallSpan ? (long)(wallSpan.TotalSeconds * TimestampFrequency) : null);
        }

        Dispatch(due);
        return new ExchangeRelease(this, id);
    }

    internal void Schedule(PacedTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<PacedTimer>? due = null;
        lock (_gate)
        {
            long now = NowLocked(ref due);
            _pending.Remove(timer);
            if (timer.Disposed || dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.Active = false;
                timer.Wall?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
            else
            {
                timer.Active = true;
                timer.Dispatched = false;
                timer.DueRig = now + Math.Max(0, RigTicks(dueTime));
                timer.PeriodRig = period == Timeout.InfiniteTimeSpan || period <= TimeSpan.Zero ? 0 : Math.Max(1, RigTicks(period));
                _pending.Add(timer);
                WakeOnWall(timer, now);
            }
        }

        Dispatch(due);
        _jumps?.Activity();
    }

    internal void Cancel(PacedTimer timer)
    {
        lock (_gate)
        {
            _pending.Remove(timer);
            timer.Active = false;
        }
    }

    /// <summary>Runs the timer's callback if its rig time has come; re-arms its wall timer if the clock was held meanwhile.</summary>
    internal void FireIfDue(PacedTimer timer)
    {
        List<PacedTimer>? due = null;
        bool fire;
        lock (_gate)
        {
            if (!timer.Active || timer.Disposed)
            {
                return;
            }

            long now = NowLocked(ref due);
            fire = now >= timer.DueRig;
            if (!fire)
            {
                // Its wall timer ran ahead of a clock that was held meanwhile: wait for the rest of its rig time.
                timer.Dispatched = false;
                timer.Wall?.Change(WallUntil(timer.DueRig - now), Timeout.InfiniteTimeSpan);
            }
            else if (timer.PeriodRig > 0)
            {
                // Like a system timer, a periodic timer that fell behind does not fire the periods it missed.
                _pending.Remove(timer);
                timer.DueRig = Math.Max(timer.DueRig + timer.PeriodRig, now + 1);
                timer.Dispatched = false;
                _pending.Add(timer);
                WakeOnWall(timer, now);
            }
            else
            {
                _pending.Remove(timer);
                timer.Active = false;
            }
        }

        Dispatch(due);
        if (fire)
        {
            timer.Callback(timer.State);
        }
    }

    /// <summary>Rig time now, held at the earliest hold; the timers due by then are handed out to be fired.</summary>
    private long NowLocked(ref List<PacedTimer>? due)
    {
        long wall = _wall.GetTimestamp();
        // A clock that follows moves only by its jumps: work of harness or emulator costs no rig time.
        long free = _jumping ? _anchorRig : _anchorRig + (long)((wall - _anchorWall) * _pace);
        long reportCap = _reports!.Cap(wall);
        long exchangeCap = _exchanges!.Cap(wall);
        long timerCap = _pending.Count > 0 ? _pending.Min!.DueRig + _leadTicks : long.MaxValue;
        long cap = Math.Min(timerCap, Math.Min(reportCap, exchangeCap));
        long now = free;
        if (free > cap)
        {
            // Held: time resumes from here when the hold lifts, instead of jumping to where the wall clock has gone.
            long held = (long)((free - cap) / _pace);
            if (cap == timerCap)
            {
                _heldForTimers += held;
            }
            else if (cap == reportCap)
            {
                _heldForReports += held;
            }
            else
            {
                _heldForExchanges += held;
            }

            now = cap;
            _anchorRig = cap;
            _anchorWall = wall;
        }

        now = Math.Max(now, _last);
        _last = now;
        foreach (PacedTimer timer in _pending)
        {
            if (timer.DueRig > now)
            {
                break;
            }

            if (!timer.Dispatched)
            {
                timer.Dispatched = true;
                (due ??= []).Add(timer);
            }
        }

        return now;
    }

    private void Dispatch(List<PacedTimer>? due)
    {
        if (due is null)
        {
            return;
        }

        foreach (PacedTimer timer in due)
        {
            Interlocked.Increment(ref _firing);
            ThreadPool.UnsafeQueueUserWorkItem(static t => t.Clock.FireDispatched(t), timer, preferLocal: false);
        }
    }

    private void FireDispatched(PacedTimer timer)
    {
        try
        {
            FireIfDue(timer);
        }
        finally
        {
            Interlocked.Decrement(ref _firing);
            _jumps?.Activity();
        }
    }

    /// <summary>A report the emulator sent has not yet been taken in by the harness: its reader will move the clock on.</summary>
    internal bool ReportOutstanding
    {
        get
        {
            lock (_gate)
            {
                return _reports?.Outstanding == true;
            }
        }
    }

    /// <summary>Timers handed out to fire whose callbacks have not yet returned.</summary>
    internal bool Firing => Volatile.Read(ref _firing) > 0;

    /// <summary>
    /// Moves rig time on to the next due timer and fires it on this thread, when no timer is firing and no report is
    /// unread, and no further than a lead past an open exchange; false when that moved nothing.
    /// </summary>
    internal bool JumpToNextTimer()
    {
        List<PacedTimer>? due = null;
        bool jumped = false;
        lock (_gate)
        {
            long now = NowLocked(ref due);
            long wall = _wall.GetTimestamp();
            if (due is null && !Firing && _pending.Count > 0)
            {
                // A report on its way to the harness is taken in before rig time moves on (or let go, if lost on the
                // wire); an open exchange lets rig time run a lead past its start, no further.
                bool reportUnread = _reports!.Cap(wall) != long.MaxValue;
                long next = reportUnread ? now : Math.Min(_pending.Min!.DueRig, _exchanges!.Cap(wall));
                if (next > now)
                {
                    _jumpCount++;
                    _jumpedTicks += next - now;
                    _anchorRig = next;
                    _anchorWall = wall;
                    NowLocked(ref due);
                    jumped = true;
                    EndHold(wall);
                }
                else if (_heldSince == 0)
                {
                    _heldSince = wall;
                    _heldByReport = reportUnread;
                }
            }

            if (due is not null)
            {
                // Counted as firing before the gate opens: another thread that may jump must not find the clock idle
                // between this jump and its timers.
                Interlocked.Add(ref _firing, due.Count);
            }
        }

        if (due is null)
        {
            return jumped;
        }

        // Fired here, on the thread that jumped: nothing else runs meanwhile, and a hop to the thread pool per timer
        // costs more than most of the callbacks.
        foreach (PacedTimer timer in due)
        {
            FireDispatched(timer);
        }

        return true;
    }

    /// <summary>A following clock was held by an unread report or an open exchange until now: counted as a paced one's.</summary>
    private void EndHold(long wall)
    {
        if (_heldSince == 0)
        {
            return;
        }

        if (_heldByReport)
        {
            _heldForReports += wall - _heldSince;
        }
        else
        {
            _heldForExchanges += wall - _heldSince;
        }

        _heldSince = 0;
    }

    /// <summary>
    /// Stops the jumps of a clock that follows, when its run is over: rig time then runs on with the wall clock, paced,
    /// and its timers wake on the wall clock. Whatever still waits on it (links closing, the emulator stopping) is not
    /// left waiting for a jump, and the seconds that takes are not minutes of rig time, as jumps or the time scale would
    /// make them.
    /// </summary>
    public void Dispose()
    {
        if (_jumps is null)
        {
            return;
        }

        _jumps.Dispose();
        lock (_gate)
        {
            if (!_jumping)
            {
                return;
            }

            _anchorWall = _wall.GetTimestamp();
            _jumping = false;
            _pace = 1;
            foreach (PacedTimer timer in _pending)
            {
                WakeOnWall(timer, _anchorRig);
            }
        }
    }

    /// <summary>Sets the timer's wall timer to wake it when its rig time comes; a clock that follows fires it by a jump instead.</summary>
    private void WakeOnWall(PacedTimer timer, long now)
    {
        if (_jumping)
        {
            return;
        }

        timer.Wall ??= _wall.CreateTimer(static t => ((PacedTimer)t!).Clock.FireIfDue((PacedTimer)t), timer, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        timer.Wall.Change(WallUntil(timer.DueRig - now), Timeout.InfiniteTimeSpan);
    }

    private long RigTicks(TimeSpan span) => (long)(span.TotalSeconds * TimestampFrequency);

    private TimeSpan WallUntil(long rigTicks) => ToWall(TimeSpan.FromSeconds(Math.Max(0, rigTicks) / (double)TimestampFrequency));

    private TimeSpan ToWall(TimeSpan rigSpan)
    {
        if (rigSpan == Timeout.InfiniteTimeSpan || rigSpan <= TimeSpan.Zero)
        {
            return rigSpan;
        }

        // System timers work in whole milliseconds: a period that scales below one would truncate to zero, which
        // means "no period" and a timer that fires once. Never shorter than a wall millisecond, then.
        var wall = TimeSpan.FromTicks((long)(rigSpan.Ticks / _pace));
        return wall < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wall;
    }

    private void Release(long exchange)
    {
        List<PacedTimer>? due = null;
        lock (_gate)
        {
            NowLocked(ref due);
            _exchanges!.Close(exchange);
        }

        Dispatch(due);
        _jumps?.Activity();
    }

    private sealed class ExchangeRelease(VirtualTimeProvider clock, long id) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                clock.Release(id);
            }
        }
    }

    /// <summary>Keeps <see cref="ITimer.Change"/> in rig time too.</summary>
    private sealed class ScaledTimer(VirtualTimeProvider clock, ITimer wallTimer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => wallTimer.Change(clock.ToWall(dueTime), clock.ToWall(period));

        public void Dispose() => wallTimer.Dispose();

        public ValueTask DisposeAsync() => wallTimer.DisposeAsync();
    }
}
