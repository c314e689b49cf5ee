using UsocHil.Rigs;
using UsocHil.Sequencing;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Collects the harness' arrival time (rig time) of every housekeeping report of one run, from the first parameter
/// of the structure (every report carries it once), and judges each interval against the rig's expected period.
/// </summary>
internal sealed class HousekeepingArrivals(string firstParameter) : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _arrivals = [];

    public void OnTelemetry(TelemetrySample sample)
    {
        if (sample.Parameter == firstParameter)
        {
            lock (_gate)
            {
                FirstArrival ??= System.Diagnostics.Stopwatch.GetTimestamp();
                _arrivals.Add(sample.RigTime);
            }
        }
    }

    /// <summary>When the first report arrived (a Stopwatch timestamp), null before.</summary>
    public long? FirstArrival { get; private set; }

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
            return _arrivals.Count < 2 ? 0 : (_arrivals.Count - 1) / (_arrivals[^1] - _arrivals[0]).TotalSeconds;
        }
    }

    /// <summary>Intervals longer than <paramref name="period"/> × (1 + <paramref name="tolerance"/>), and the longest one.</summary>
    public (int Late, TimeSpan Longest) Judge(TimeSpan period, double tolerance)
    {
        lock (_gate)
        {
            int late = 0;
            TimeSpan longest = TimeSpan.Zero;
            for (int i = 1; i < _arrivals.Count; i++)
            {
                TimeSpan interval = _arrivals[i] - _arrivals[i - 1];
                longest = interval > longest ? interval : longest;
                if (interval > period * (1 + tolerance))
                {
                    if (Environment.GetEnvironmentVariable("BENCH_DEBUG") is not null)
                    {
                        Console.WriteLine($"    late: #{i} at {_arrivals[i]:HH:mm:ss.fff}: {interval.TotalSeconds:F3} s");
                    }

                    late++;
                }
            }

            return (late, longest);
        }
    }
}
