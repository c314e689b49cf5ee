using System.Diagnostics;
using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// When each housekeeping report of one run reached the run's observers, taken from the first parameter of the
/// structure (every report carries it once). Taken on the wall clock and scaled to rig time: the samples' own time is
/// the payload's on-board stamp (when it was sampled), which says nothing about when the harness delivered it.
/// </summary>
internal sealed class HousekeepingArrivals(string firstParameter, double timeScale) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly List<long> _arrivals = [];

    public void OnTelemetry(TelemetrySample sample)
    {
        if (sample.Parameter == firstParameter)
        {
            long now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _arrivals.Add(now);
            }
        }
    }

    /// <summary>When the first report arrived (a Stopwatch timestamp), null before.</summary>
    public long? FirstArrival
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count == 0 ? null : _arrivals[0];
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _arrivals.Count;
            }
        }
    }

    /// <summary>Reports per second of rig time, first to last.</summary>
    public double Rate()
    {
        lock (_gate)
        {
            return _arrivals.Count < 2 ? 0 : (_arrivals.Count - 1) / Rig(_arrivals[0], _arrivals[^1]).TotalSeconds;
        }
    }

    /// <summary>Intervals (rig time) longer than <paramref name="period"/> × (1 + <paramref name="tolerance"/>), and the longest one.</summary>
    public (int Late, TimeSpan Longest) Judge(TimeSpan period, double tolerance)
    {
        lock (_gate)
        {
            int late = 0;
            TimeSpan longest = TimeSpan.Zero;
            for (int i = 1; i < _arrivals.Count; i++)
            {
                TimeSpan interval = Rig(_arrivals[i - 1], _arrivals[i]);
                longest = interval > longest ? interval : longest;
                if (interval > period * (1 + tolerance))
                {
                    late++;
                }
            }

            return (late, longest);
        }
    }

    private TimeSpan Rig(long from, long to) => Stopwatch.GetElapsedTime(from, to) * timeScale;
}
