namespace UsocHil.Rigs;

/// <summary>
/// The latest engineering value of every parameter plus a bounded history, fed by housekeeping reports, so steps can
/// wait for a condition and compute rates and windows without touching the link. Thread-safe: one writer (the
/// session's reader), many readers. A step waiting for the next report goes on on the writer's thread, as a command's
/// reply does: judging a report costs no hand-over to another thread.
/// </summary>
public sealed class TelemetryCache(int historyCapacity = 8192)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RigTimeHistory<TelemetrySample>> _history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TelemetrySample> _latest = new(StringComparer.Ordinal);
    private readonly RigTimeHistory<DateTimeOffset> _reports = new(historyCapacity, static t => t);
    private TaskCompletionSource _next = new();
    private long _reportCount;

    /// <summary>Raised after every report with its samples (on the writer's thread).</summary>
    public event Action<IReadOnlyList<TelemetrySample>>? Updated;

    public long ReportCount => Interlocked.Read(ref _reportCount);

    /// <summary>Stores one report (a housekeeping packet or a parameter report) and wakes every waiter.</summary>
    public void Publish(IReadOnlyList<TelemetrySample> samples, bool isHousekeeping = true)
    {
        Store(samples, isHousekeeping);
        WakeWaiters();
    }

    /// <summary>Stores one report and raises <see cref="Updated"/>; its waiters wake at <see cref="WakeWaiters"/>.</summary>
    public void Store(IReadOnlyList<TelemetrySample> samples, bool isHousekeeping = true)
    {
        lock (_gate)
        {
            foreach (TelemetrySample sample in samples)
            {
                if (!_history.TryGetValue(sample.Parameter, out RigTimeHistory<TelemetrySample>? history))
                {
                    history = new RigTimeHistory<TelemetrySample>(historyCapacity, static s => s.RigTime);
                    _history[sample.Parameter] = history;
                }

                history.Add(sample);
                _latest[sample.Parameter] = sample;
            }

            if (isHousekeeping && samples.Count > 0)
            {
                _reports.Add(samples[0].RigTime);

                Interlocked.Increment(ref _reportCount);
            }
        }

        Updated?.Invoke(samples);
    }

    /// <summary>Wakes whoever waits in <see cref="NextUpdateAsync"/>: each goes on on this thread until it waits again.</summary>
    public void WakeWaiters()
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            woken = _next;
            _next = new TaskCompletionSource();
        }

        woken.TrySetResult();
    }

    public bool TryGetLatest(string parameter, out TelemetrySample sample)
    {
        lock (_gate)
        {
            return _latest.TryGetValue(parameter, out sample);
        }
    }

    /// <summary>The samples of one parameter at or after <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<TelemetrySample> History(string parameter, DateTimeOffset since)
    {
        lock (_gate)
        {
            return _history.TryGetValue(parameter, out RigTimeHistory<TelemetrySample>? history) ? history.Since(since) : [];
        }
    }

    /// <summary>Rig times of the housekeeping reports received at or after <paramref name="since"/>.</summary>
    public IReadOnlyList<DateTimeOffset> ReportTimes(DateTimeOffset since)
    {
        lock (_gate)
        {
            return _reports.Since(since);
        }
    }

    /// <summary>Completes when the next report arrives.</summary>
    public Task NextUpdateAsync(CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            next = _next.Task;
        }

        return next.WaitAsync(cancellationToken);
    }
}
