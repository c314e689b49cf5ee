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

    /// <summary>
    /// The kept samples in time order. With no <paramref name="end"/> (a run that never recorded its end), or a sample
    /// after it, the span doubles as often as needed, neighbouring columns merging, so no sample piles into the last column.
    /// </summary>
    public static IReadOnlyList<TelemetryRow> Thin(IEnumerable<TelemetryRow> rows, DateTimeOffset start, DateTimeOffset? end, int buckets = DefaultBuckets)
    {
        double span = Math.Max(1e-3, ((end ?? start.AddSeconds(1)) - start).TotalSeconds);
        var columns = new Dictionary<string, Column[]>(StringComparer.Ordinal);
        foreach (TelemetryRow row in rows)
        {
            double at = (row.Time - start).TotalSeconds;
            while (at > span)
            {
                span *= 2;
                foreach (Column[] each in columns.Values)
                {
                    Halve(each);
                }
            }

            if (!columns.TryGetValue(row.Parameter, out Column[]? parameter))
            {
                parameter = new Column[buckets];
                columns[row.Parameter] = parameter;
            }

            int index = Math.Clamp((int)(at / span * buckets), 0, buckets - 1);
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

    /// <summary>The columns of a span twice as long: each pair of neighbours merged into one, the second half emptied.</summary>
    private static void Halve(Column[] columns)
    {
        int pairs = (columns.Length + 1) / 2;
        for (int i = 0; i < pairs; i++)
        {
            Column later = 2 * i + 1 < columns.Length ? columns[2 * i + 1] : default;
            columns[i] = Column.Merge(columns[2 * i], later);
        }

        Array.Clear(columns, pairs, columns.Length - pairs);
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

        /// <summary>One column for the samples of <paramref name="earlier"/> then those of <paramref name="later"/>.</summary>
        public static Column Merge(Column earlier, Column later)
        {
            if (later._count == 0)
            {
                return earlier;
            }

            if (earlier._count == 0)
            {
                return later;
            }

            return new Column
            {
                _first = earlier._first,
                _lowest = later._lowest.Value < earlier._lowest.Value ? later._lowest : earlier._lowest,
                _highest = later._highest.Value > earlier._highest.Value ? later._highest : earlier._highest,
                _last = later._last,
                _count = earlier._count + later._count,
            };
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
