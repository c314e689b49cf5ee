using UsocHil.Description;
using UsocHil.Expectations;

namespace UsocHil.Reporting;

/// <summary>
/// What a report draws for a limit beyond its static bands, from the recorded telemetry: the spans of rig time over
/// which a conditional limit applied (its condition parameter's latest sample equal to the value, held until the next
/// sample), and the change a delta limit checks between consecutive samples.
/// </summary>
public static class LimitApplicability
{
    /// <summary>
    /// The spans, in the samples' own time unit, over which <paramref name="condition"/> held, each from the sample that
    /// made it true to the first that made it false (or <paramref name="end"/>). Always applies when there is no
    /// condition; never before the condition parameter's first sample, as the limit monitor does.
    /// </summary>
    public static IReadOnlyList<(double From, double To)> Spans(LimitCondition? condition, IReadOnlyList<double> times, IReadOnlyList<double> values, double start, double end)
    {
        if (condition is null)
        {
            return [(start, end)];
        }

        var spans = new List<(double, double)>();
        double? openedAt = null;
        for (int i = 0; i < times.Count; i++)
        {
            bool holds = condition.Holds(values[i]);
            if (holds && openedAt is null)
            {
                openedAt = times[i];
            }
            else if (!holds && openedAt is { } from)
            {
                spans.Add((from, times[i]));
                openedAt = null;
            }
        }

        if (openedAt is { } last)
        {
            spans.Add((last, end));
        }

        return spans;
    }

    /// <summary>
    /// The change between each sample and the one before it as the limit monitor measures it (<see cref="DeltaBands"/>),
    /// signed, placed at the later sample's time; samples with no rig time between them have no rate and are left out.
    /// </summary>
    public static (double[] Times, double[] Changes) Changes(string parameter, DeltaLimitDefinition delta, IReadOnlyList<double> minutes, IReadOnlyList<double> values)
    {
        var bands = new DeltaBands(delta, parameter);
        var times = new List<double>(minutes.Count);
        var changes = new List<double>(minutes.Count);
        for (int i = 1; i < minutes.Count; i++)
        {
            double change = bands.SignedChange(values[i - 1], minutes[i - 1] * 60, values[i], minutes[i] * 60);
            if (double.IsNaN(change))
            {
                continue;
            }

            times.Add(minutes[i]);
            changes.Add(change);
        }

        return ([.. times], [.. changes]);
    }
}
