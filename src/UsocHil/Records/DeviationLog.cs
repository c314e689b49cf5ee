using UsocHil.Sequencing;

namespace UsocHil.Records;

/// <summary>Collects a run's deviations from the approved procedure as they happen, for the nonconformance drafts.</summary>
public sealed class DeviationLog : IRunObserver
{
    private readonly Lock _gate = new();
    private readonly List<RunEvent> _deviations = [];

    public IReadOnlyList<RunEvent> Deviations
    {
        get
        {
            lock (_gate)
            {
                return _deviations.ToArray();
            }
        }
    }

    public void OnEvent(RunEvent runEvent)
    {
        if (runEvent.Source == Sequencing.Deviations.Source)
        {
            lock (_gate)
            {
                _deviations.Add(runEvent);
            }
        }
    }
}
