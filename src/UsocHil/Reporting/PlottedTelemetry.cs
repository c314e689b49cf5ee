using UsocHil.Results;

namespace UsocHil.Reporting;

/// <summary>
/// A run's telemetry cut to what a report's plots can show, read as a stream: the run's span is divided into
/// <c>buckets</c> columns and each parameter keeps, per column, its first, lowest, highest and last sample, so every
/// extreme and every step of the curve is still drawn (only points lying between others of their column go) while a
/// four-hour run at 10 Hz no longer has to sit in memory whole to be plotted.
/// </summary>
public static class PlottedTelemetry
{
    public const int DefaultBuckets = 2000;

    public static IReadOnlyList<TelemetryRow> Thin(IEnumerable<TelemetryRow> rows, DateTimeOffset start, DateTimeOffset end, int buckets = DefaultBuckets)
    {
        double span = Math.Max(1e-6, (end - start).TotalSeconds);
        var columns = new Dictionary<string, Column[]>(StringComparer.Ordinal);
        foreach (TelemetryRow row in rows)
        {
            if (!columns.TryGetValue(row.Parameter, out Column[]? parameter))
            {
                parameter = new Column[buckets];
                columns[row.Parameter] = parameter;
            }

            int index = Math.Clamp((int)((row.Time - start).TotalSeconds / span * buckets), 0, buckets - 1);
            parameter[index].Add(row);
        }

        var kept = new List<TelemetryRow>();
        foreach (Column[] parameter in columns.Values)
        {
            foreach (Column column in parameter)
            {
                column.AppendTo(kept);
            }
        }

        kept.Sort((a, b) => a.Time.CompareTo(b.Time));
        return kept;
    }

    /// <summary>One column of one parameter: its first, lowest, highest and last samples, each kept once.</summary>
    private struct Column
    {
        private TelemetryRow _first;
        private TelemetryRow _lowest;
        private TelemetryRow _highest;
        private TelemetryRow _last;
        private int _count;

        public void Add(TelemetryRow row)
        {
            if (_count++ == 0)
            {
                _first = _lowest = _highest = row;
            }
            else if (row.Value < _lowest.Value)
            {
                _lowest = row;
            }
            else if (row.Value > _highest.Value)
            {
                _highest = row;
            }

            _last = row;
        }

        public readonly void AppendTo(List<TelemetryRow> kept)
        {
            if (_count == 0)
            {
                return;
            }

            int from = kept.Count;
            foreach (TelemetryRow row in (ReadOnlySpan<TelemetryRow>)[_first, _lowest, _highest, _last])
            {
                if (!kept[from..].Contains(row))
                {
                    kept.Add(row);
                }
            }
        }
    }
}
