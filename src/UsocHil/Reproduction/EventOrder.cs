using UsocHil.Timelines;

namespace UsocHil.Reproduction;

/// <summary>
/// Holds the ground model's payload events against the flight's within the window: every flight event must be seen
/// on the ground with the same name, in the same order, within <see cref="ToleranceSeconds"/> of its flight offset
/// (the lag a parameter may show); a ground event with no flight counterpart differs too (the ground model tripped
/// where the flight unit did not).
/// </summary>
public static class EventOrder
{
    public const double ToleranceSeconds = FlightComparison.MaxLagSeconds;

    /// <param name="flight">The flight's events in the window, in offset order.</param>
    /// <param name="ground">The ground run's events on the flight's axis, in offset order.</param>
    /// <returns>One line per difference; none when the ground model raised the flight's events in order.</returns>
    public static IReadOnlyList<string> Differences(IReadOnlyList<TimelineEvent> flight, IReadOnlyList<TimelineEvent> ground)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(ground);
        var differences = new List<string>();
        bool[] matched = new bool[ground.Count];
        int next = 0;
        foreach (TimelineEvent expected in flight)
        {
            int found = -1;
            for (int i = next; i < ground.Count; i++)
            {
                if (!matched[i] && ground[i].Name == expected.Name && Math.Abs(ground[i].OffsetSeconds - expected.OffsetSeconds) <= ToleranceSeconds)
                {
                    found = i;
                    break;
                }
            }

            if (found < 0)
            {
                differences.Add(FormattableString.Invariant($"event {expected.Name} at flight offset {expected.OffsetSeconds:F1} s not raised on the ground in order"));
                continue;
            }

            matched[found] = true;
            next = found + 1;
        }

        for (int i = 0; i < ground.Count; i++)
        {
            if (!matched[i])
            {
                differences.Add(FormattableString.Invariant($"event {ground[i].Name} raised on the ground at {ground[i].OffsetSeconds:F1} s, not in flight"));
            }
        }

        return differences;
    }
}
