using UsocHil.Rigs;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// What a wait step waits for on one parameter: a value condition (near a target, above, below, equal, bits set) and
/// optionally stability: the least-squares slope over the last <see cref="StableFor"/> below <see cref="MaxRatePerMinute"/>,
/// with the value condition holding at every sample of that window.
/// </summary>
internal sealed record WaitCondition
{
    public required string Parameter { get; init; }

    /// <summary>The dictionary's names of an enumerated parameter's values, to say "MODE = IDLE", not "MODE = 1".</summary>
    public IReadOnlyDictionary<string, string>? Names { get; init; }
    public ValueExpression? Near { get; init; }
    public double Tolerance { get; init; }
    public ValueExpression? Above { get; init; }
    public ValueExpression? Below { get; init; }
    public double? EqualTo { get; init; }
    public int? BitsSet { get; init; }
    public double? MaxRatePerMinute { get; init; }
    public TimeSpan? StableFor { get; init; }

    public bool Holds(double value, VariableScope scope) =>
        !double.IsNaN(value)
        && (Near is null || Math.Abs(value - Near.Evaluate(scope)) <= Tolerance)
        && (Above is null || value > Above.Evaluate(scope))
        && (Below is null || value < Below.Evaluate(scope))
        && (EqualTo is null || value == EqualTo)
        && (BitsSet is null || (((long)value) & BitsSet.Value) == BitsSet.Value);

    /// <summary>
    /// True when the latest value satisfies the condition and, if stability is asked for, the window does too. Windows are
    /// placed on the payload's own time stamps, ending at the latest sample, and only samples stamped at or after
    /// <paramref name="firstFresh"/> (the first report that arrived after the wait began) count, so a plateau seen
    /// before the wait cannot satisfy it.
    /// </summary>
    public bool IsMet(TelemetryCache telemetry, DateTimeOffset? firstFresh, VariableScope scope, out string state)
    {
        if (firstFresh is not { } fresh || !telemetry.TryGetLatest(Parameter, out TelemetrySample latest) || latest.RigTime < fresh)
        {
            state = $"{Parameter}: no fresh sample";
            return false;
        }

        state = Names is not null && Names.TryGetValue(latest.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), out string? name)
            ? $"{Parameter} = {name}"
            : $"{Parameter} = {latest.Value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}";
        if (!Holds(latest.Value, scope))
        {
            return false;
        }

        if (StableFor is not { } window)
        {
            return true;
        }

        DateTimeOffset from = latest.RigTime - window;
        if (from < fresh)
        {
            return false;
        }

        IReadOnlyList<TelemetrySample> samples = telemetry.History(Parameter, from);
        if (samples.Count < 3 || samples[0].RigTime - from > TimeSpan.FromSeconds(Math.Max(2, window.TotalSeconds * 0.05)))
        {
            return false;
        }

        if (samples.Any(s => !Holds(s.Value, scope)))
        {
            return false;
        }

        double ratePerMinute = Math.Abs(Slope(samples)) * 60;
        state += $", |d/dt| = {ratePerMinute:G3}/min";
        return MaxRatePerMinute is not { } max || ratePerMinute <= max;
    }

    /// <summary>Least-squares slope in units per second.</summary>
    internal static double Slope(IReadOnlyList<TelemetrySample> samples)
    {
        DateTimeOffset t0 = samples[0].RigTime;
        double n = samples.Count, st = 0, sv = 0, stt = 0, stv = 0;
        foreach (TelemetrySample s in samples)
        {
            double t = (s.RigTime - t0).TotalSeconds;
            st += t;
            sv += s.Value;
            stt += t * t;
            stv += t * s.Value;
        }

        double denominator = (n * stt) - (st * st);
        return denominator <= 0 ? 0 : ((n * stv) - (st * sv)) / denominator;
    }
}
