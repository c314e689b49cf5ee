namespace UsocHil.Monitor;

/// <summary>
/// How many refusals the monitor answers in full: a token bucket of <see cref="Burst"/> refusals, refilled at
/// <see cref="Burst"/> per <see cref="Window"/>. Beyond it a refused request is answered 429 at once, so a page that
/// floods the abort costs neither work nor log lines.
/// </summary>
internal sealed class RefusalRate(TimeProvider time, int burst = 10)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private double _tokens = burst;
    private long _refilledAt = time.GetTimestamp();

    public int Burst => burst;

    /// <summary>True when this refusal may be answered in full; false when it is one too many (429).</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            long now = time.GetTimestamp();
            _tokens = Math.Min(burst, _tokens + (time.GetElapsedTime(_refilledAt, now) / Window * burst));
            _refilledAt = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
