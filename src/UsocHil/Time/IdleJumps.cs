using System.Diagnostics;
using System.Runtime.ExceptionServices;
using UsocHil.Interop.Libc;

namespace UsocHil.Time;

/// <summary>
/// Drives a clock that follows harness and emulator (<c>--time-scale max</c>): a thread of its own watches for the moment
/// both are idle (no timer firing, no work queued or running on the thread pool or a link's reader thread) and then
/// moves rig time on to the next due timer. Whatever is in flight on a wire holds the clock already (an unread report,
/// an open exchange), so an idle process is one that waits for rig time only.
/// </summary>
/// <remarks>
/// The thread spins for its first 200 µs of looking (what it waits for is mostly that close), then sleeps between
/// looks, longer and longer: on a loaded two-core bench a spinning watcher takes the core the emulator or the harness
/// needs. Work that blocks a pool thread without finishing anything (a synchronous wait) would look busy forever; after
/// <see cref="Stuck"/> without a work item finishing it counts as idle.
/// </remarks>
internal sealed class IdleJumps : IDisposable
{
    private const long FirstLookNanoseconds = 5_000;
    private const long LongestLookNanoseconds = 160_000;
    private const int QuietLooks = 2;
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;
    private static readonly long Stuck = Stopwatch.Frequency / 500;
    private static readonly long Patience = Stopwatch.Frequency / 1_000;

    [ThreadStatic]
    private static bool t_jumping;

    private readonly VirtualTimeProvider _clock;
    private readonly AutoResetEvent _activity = new(false);
    private readonly int _maxWorkers;
    private volatile bool _stopped;
    private long _completed;
    private long _progressAt;
    private long _signals;
    private int _sleeping;

    public IdleJumps(VirtualTimeProvider clock)
    {
        _clock = clock;
        ThreadPool.GetMaxThreads(out _maxWorkers, out _);
        new Thread(Drive) { IsBackground = true, Name = "rig clock (follows)" }.Start();
        ReaderThreadWork.Follow(this);
    }

    /// <summary>
    /// A link's reader finished the last work under way on the readers: when nothing else runs either, it moves rig time
    /// on itself (firing the emulator's tick, which writes the next report, on that thread); otherwise the watcher looks.
    /// </summary>
    public void OnReaderFinished()
    {
        try
        {
            if (_stopped || !Idle(stuck: false))
            {
                Activity();
                return;
            }

            bool jumped;
            t_jumping = true;
            try
            {
                jumped = _clock.JumpToNextTimer();
            }
            finally
            {
                t_jumping = false;
            }

            // A report the jump had the emulator send brings a reader back here; only otherwise is the watcher needed.
            if (!jumped || !_clock.ReportOutstanding)
            {
                Activity();
            }
        }
        catch (Exception e)
        {
            // A timer's callback failed: that ends the process as it would from a timer thread, not the reader's link.
            ThreadPool.UnsafeQueueUserWorkItem(static failure => failure.Throw(), ExceptionDispatchInfo.Capture(e), preferLocal: false);
        }
    }

    /// <summary>
    /// Something that may have been the last thing running has finished: look again soon. Not from a reader at work
    /// nor from the reader's own jump: the reader offers the clock a jump, or signals, when it is done.
    /// </summary>
    public void Activity()
    {
        if (t_jumping || ReaderThreadWork.OnThisThread)
        {
            return;
        }

        Interlocked.Increment(ref _signals);
        if (Volatile.Read(ref _sleeping) != 0)
        {
            _activity.Set();
        }
    }

    public void Dispose()
    {
        ReaderThreadWork.Unfollow(this);
        _stopped = true;
        _activity.Set();
    }

    private void Drive()
    {
        if (OperatingSystem.IsLinux())
        {
            // Sleeps of a few microseconds, not the default 50 µs of slack.
            _ = Libc.Prctl(Libc.PR_SET_TIMERSLACK, 1_000);
        }

        while (!_stopped)
        {
            long seen = Volatile.Read(ref _signals);
            if (!WaitUntilIdle() || !_clock.JumpToNextTimer())
            {
                // Busy for long, or nothing due to jump to (or held meanwhile): wait until something happens.
                WaitForActivity(seen);
            }
        }
    }

    /// <summary>
    /// Returns once something was signalled since <paramref name="seen"/>: spinning a little first (the report the clock
    /// waits for is usually a few microseconds away), then asleep, for at most a millisecond.
    /// </summary>
    private void WaitForActivity(long seen)
    {
        long began = Stopwatch.GetTimestamp();

        // While a report is on its way the reader that takes it in moves the clock on: nothing to spin for.
        long spin = _clock.ReportOutstanding ? 0 : SpinTicks;
        while (Stopwatch.GetTimestamp() - began < spin)
        {
            if (Volatile.Read(ref _signals) != seen || _stopped)
            {
                return;
            }

            Thread.SpinWait(30);
        }

        Volatile.Write(ref _sleeping, 1);
        if (Volatile.Read(ref _signals) == seen && !_stopped)
        {
            _activity.WaitOne(1);
        }

        Volatile.Write(ref _sleeping, 0);
    }

    /// <summary>Looks for up to <see cref="Patience"/>: true once the process was idle at <see cref="QuietLooks"/> looks in a row.</summary>
    private bool WaitUntilIdle()
    {
        long began = Stopwatch.GetTimestamp();
        int quiet = 0;
        long nap = FirstLookNanoseconds;
        while (!_stopped)
        {
            long now = Stopwatch.GetTimestamp();
            long completedNow = ThreadPool.CompletedWorkItemCount;
            if (completedNow != _completed)
            {
                _completed = completedNow;
                _progressAt = now;
                quiet = 0;
            }
            else if (Idle(stuck: now - _progressAt > Stuck))
            {
                if (++quiet >= QuietLooks)
                {
                    return true;
                }
            }
            else
            {
                quiet = 0;
            }

            if (now - began > Patience)
            {
                return false;
            }

            // Soon after whatever ran last, then less and less often: each look costs a switch of threads.
            if (now - began < SpinTicks)
            {
                Thread.SpinWait(30);
                continue;
            }

            Nap(nap);
            nap = Math.Min(nap * 2, LongestLookNanoseconds);
        }

        return false;
    }

    private bool Idle(bool stuck)
    {
        if (_clock.Firing || ReaderThreadWork.Running || ThreadPool.PendingWorkItemCount > 0)
        {
            return false;
        }

        ThreadPool.GetAvailableThreads(out int available, out _);
        return stuck || available + Bookkeeping.Running >= _maxWorkers;
    }

    private static unsafe void Nap(long nanoseconds)
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.Yield();
            return;
        }

        var span = new Libc.TimeSpec { Seconds = 0, Nanoseconds = nanoseconds };
        _ = Libc.NanoSleep(&span, null);
    }
}
