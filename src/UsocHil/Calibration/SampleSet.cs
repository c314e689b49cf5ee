namespace UsocHil.Calibration;

/// <summary>Mean and standard deviation of N readings of one quantity, and how far it drifted while they were taken.</summary>
public sealed record SampleStatistics(double Mean, double StandardDeviation, int Count)
{
    /// <summary>
    /// The change over the sampling window, first reading to last, of the least-squares line through the readings
    /// (evenly spaced, one per housekeeping report): a trend, unlike the last minus the first reading, that noise
    /// alone does not make large. 0 for a single reading.
    /// </summary>
    public double Drift { get; init; }

    public static SampleStatistics Of(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            throw new ArgumentException("no readings", nameof(values));
        }

        double mean = values.Average();
        double variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SampleStatistics(mean, Math.Sqrt(variance), values.Count) { Drift = DriftOf(values, mean) };
    }

    private static double DriftOf(IReadOnlyList<double> values, double mean)
    {
        int n = values.Count;
        if (n < 2)
        {
            return 0;
        }

        double middle = (n - 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (i - middle) * (values[i] - mean);
            sxx += (i - middle) * (i - middle);
        }

        return sxy / sxx * (n - 1);
    }
}

/// <summary>A named table of sampled points: one row per sample step execution, one column per parameter or instrument.</summary>
public sealed class SampleSet(string name)
{
    private readonly Lock _gate = new();
    private readonly List<IReadOnlyDictionary<string, SampleStatistics>> _rows = [];

    public string Name { get; } = name;

    public IReadOnlyList<IReadOnlyDictionary<string, SampleStatistics>> Rows
    {
        get
        {
            lock (_gate)
            {
                return _rows.ToArray();
            }
        }
    }

    public void Add(IReadOnlyDictionary<string, SampleStatistics> row)
    {
        lock (_gate)
        {
            _rows.Add(row);
        }
    }

    /// <summary>The means of one column across rows, in row order.</summary>
    public double[] Column(string column) =>
        Rows.Select(r => r.TryGetValue(column, out SampleStatistics? s)
            ? s.Mean
            : throw new KeyNotFoundException($"sample set '{Name}' has no column '{column}'")).ToArray();
}
