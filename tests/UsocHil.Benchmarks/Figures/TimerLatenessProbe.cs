using System.Diagnostics;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// The floor for housekeeping lateness: a bare 100 ms periodic timer in the same process at the same time, doing no
/// work. How late it fires is what the machine's scheduler (and other people's load on it) costs anything periodic.
/// </summary>
internal sealed class TimerLatenessProbe : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long At, TimeSpan Late)> _ticks = [];
    private readonly Task _probe;

    public TimerLatenessProbe() => _probe = ProbeAsync(_stop.Token);

    /// <summary>The longest interval beyond the period, in wall time, among ticks after <paramref name="since"/> (a Stopwatch timestamp).</summary>
    public TimeSpan WorstLatenessSince(long since) => _ticks.Where(t => t.At >= since).Select(t => t.Late).DefaultIfEmpty().Max();

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _probe;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period);
        long last = Stopwatch.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                long now = Stopwatch.GetTimestamp();
                TimeSpan late = Stopwatch.GetElapsedTime(last, now) - Period;
                _ticks.Add((now, late));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
