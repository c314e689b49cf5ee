using UsocHil.Sequencing;

namespace UsocHil.Benchmarks.Figures;

/// <summary>Rig-time durations of the steps of a run whose length is the harness' own doing (exchanges with the rig), not physics.</summary>
internal sealed class StepTimings : IRunObserver
{
    private static readonly HashSet<string> Exchanges = ["command", "set", "upload", "power"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _started = [];
    private readonly List<TimeSpan> _durations = [];

    public void OnStepStarted(StepProgress step)
    {
        lock (_gate)
        {
            _started[step.Path] = step.RigTime;
        }
    }

    public void OnStepFinished(StepProgress step, StepStatus status, string? detail)
    {
        lock (_gate)
        {
            if (Exchanges.Contains(step.Kind) && _started.Remove(step.Path, out DateTimeOffset started))
            {
                _durations.Add(step.RigTime - started);
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _durations.Count;
            }
        }
    }

    /// <summary>Every exchange step's rig-time duration, in the order they ended.</summary>
    public IReadOnlyList<TimeSpan> Durations
    {
        get
        {
            lock (_gate)
            {
                return [.. _durations];
            }
        }
    }

    /// <summary>The median: at 400× a step of a second of rig time is 2.5 ms of wall time, and one preempted thread doubles it.</summary>
    public static TimeSpan MedianOf(IEnumerable<TimeSpan> durations)
    {
        TimeSpan[] sorted = [.. durations.Order()];
        return sorted.Length == 0 ? TimeSpan.Zero : sorted[sorted.Length / 2];
    }
}
