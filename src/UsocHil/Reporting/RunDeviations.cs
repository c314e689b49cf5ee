using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Reporting;

/// <summary>A run's deviations from the approved procedure, as archived: its events from the deviation source.</summary>
public static class RunDeviations
{
    public static IReadOnlyList<EventRow> Of(RunRecord run) => run.Events.Where(e => e.Name == Deviations.Source).ToArray();
}
