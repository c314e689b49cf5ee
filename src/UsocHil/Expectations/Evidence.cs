namespace UsocHil.Expectations;

/// <summary>
/// The sample window an evaluation looked at, kept with its verdict so that a reader can see why. Bounded in size:
/// long windows are thinned evenly, always keeping the sample that decided the verdict.
/// </summary>
public sealed record Evidence(IReadOnlyList<double> Seconds, IReadOnlyList<double> Values)
{
    /// <summary>The most samples kept per evaluation.</summary>
    public const int MaxSamples = 256;

    public static Evidence Empty { get; } = new([], []);

    public int Count => Seconds.Count;

    public static Evidence Of(double seconds, double value) => new([seconds], [value]);

    /// <summary>The window <paramref name="samples"/>, thinned to at most <see cref="MaxSamples"/>, keeping index <paramref name="keep"/>.</summary>
    public static Evidence From(IReadOnlyList<Sample> samples, int keep = -1)
    {
        int n = samples.Count;
        int stride = n <= MaxSamples ? 1 : (n + MaxSamples - 2) / (MaxSamples - 1);
        var seconds = new List<double>(Math.Min(n, MaxSamples));
        var values = new List<double>(Math.Min(n, MaxSamples));
        for (int i = 0; i < n; i++)
        {
            if (i % stride == 0 || i == keep)
            {
                seconds.Add(samples[i].Seconds);
                values.Add(samples[i].Value);
            }
        }

        return new Evidence(seconds, values);
    }
}
