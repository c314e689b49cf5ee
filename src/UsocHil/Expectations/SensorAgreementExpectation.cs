using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Redundant sensors must agree: at every sampling instant, the spread (largest minus smallest) of the sensors must stay
/// within the band. A failing result names the culprit, the sensor farthest from the median at the worst instant (with
/// three or more sensors a stuck or open thermocouple stands out this way; with two, neither can be blamed).
/// </summary>
public sealed class SensorAgreementExpectation(string name, IReadOnlyList<string> parameters, Tolerance band)
{
    public SensorAgreementExpectation(ConsistencyExpectation definition)
        : this(definition.Name, definition.Parameters, Tolerance.Exactly(definition.Band))
    {
    }

    public string Name => name;

    /// <summary><paramref name="series"/> holds one series per parameter, in the order given, sampled at the same instants.</summary>
    public JudgedResult Evaluate(IReadOnlyList<IReadOnlyList<Sample>> series, string? unit = null)
    {
        if (series.Count != parameters.Count)
        {
            throw new ArgumentException($"{name}: {parameters.Count} parameters but {series.Count} series", nameof(series));
        }

        int n = series.Count == 0 ? 0 : series.Min(s => s.Count);
        var spreads = new List<Sample>(n);
        Span<double> row = stackalloc double[parameters.Count];
        int worst = -1;
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < row.Length; k++)
            {
                row[k] = series[k][i].Value;
            }

            double spread = Spread(row);
            spreads.Add(new Sample(series[0][i].Seconds, spread));
            if (worst < 0 || !(spread <= spreads[worst].Value))
            {
                worst = i;
            }
        }

        double measured = worst < 0 ? double.NaN : spreads[worst].Value;
        var (verdict, margin) = Judge.AtMost(measured, band);
        string? culprit = verdict == Verdict.Pass || worst < 0 ? null : Culprit(series, worst);
        string message = worst < 0
            ? $"{name}: no samples"
            : $"{name}: largest spread {measured:F3} {unit} at {spreads[worst].Seconds:F1} s (band {band.Nominal:G4} {unit})"
              + (culprit is null ? "" : $"; {culprit} disagrees (farthest from the median)");
        return new JudgedResult
        {
            Expectation = name,
            Parameters = parameters,
            Verdict = verdict,
            Measured = measured,
            Unit = unit,
            High = band.Nominal,
            HardHigh = band.Hard,
            Margin = margin,
            Culprit = culprit,
            Message = message,
            Evidence = Evidence.From(spreads, worst),
        };
    }

    private static double Spread(ReadOnlySpan<double> row)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in row)
        {
            if (double.IsNaN(v))
            {
                return double.NaN;
            }

            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }

        return max - min;
    }

    private string? Culprit(IReadOnlyList<IReadOnlyList<Sample>> series, int index)
    {
        if (parameters.Count < 3)
        {
            return null;
        }

        double[] values = series.Select(s => s[index].Value).ToArray();
        int nan = Array.FindIndex(values, double.IsNaN);
        if (nan >= 0)
        {
            return parameters[nan];
        }

        double[] sorted = values.Order().ToArray();
        double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        int farthest = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (Math.Abs(values[k] - median) > Math.Abs(values[farthest] - median))
            {
                farthest = k;
            }
        }

        return parameters[farthest];
    }
}
