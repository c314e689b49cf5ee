using UsocHil.Description;

namespace UsocHil.Expectations;

/// <summary>
/// Holds a window of one parameter's samples against its yellow and red limits. Inside yellow passes, between yellow and
/// red is marginal, outside red fails. As in the continuous monitor, an excursion counts only when it persists: the value
/// judged is the worst one held for <c>persistence</c> consecutive samples.
/// </summary>
public sealed class LimitExpectation(LimitDefinition definition)
{
    private readonly LimitBands _bands = new(definition);

    public string Name => $"limit {_bands.Parameter}";

    public JudgedResult Evaluate(IReadOnlyList<Sample> samples, string? unit = null)
    {
        if (samples.Count == 0)
        {
            return Result(double.NaN, double.NaN, Verdict.Fail, Evidence.Empty, unit, "no samples");
        }

        int p = Math.Min(_bands.Persistence, samples.Count);
        int worstIndex = -1;
        double worstSustained = double.NaN;
        double worstDistance = double.NegativeInfinity;
        for (int end = p - 1; end < samples.Count; end++)
        {
            // The excursion a run of p samples sustains is its least extreme member.
            int bestInRun = end;
            for (int i = end - p + 1; i <= end; i++)
            {
                if (Excess(samples[i].Value) < Excess(samples[bestInRun].Value))
                {
                    bestInRun = i;
                }
            }

            double d = Excess(samples[bestInRun].Value);
            if (d > worstDistance)
            {
                worstDistance = d;
                worstIndex = bestInRun;
                worstSustained = samples[bestInRun].Value;
            }
        }

        var (verdict, margin) = Judge.Band(worstSustained, _bands.YellowLow, _bands.YellowHigh, _bands.RedLow, _bands.RedHigh);
        string message = $"{_bands.Parameter} worst sustained value {worstSustained:G6} against yellow [{_bands.YellowLow:G6}, {_bands.YellowHigh:G6}], red [{_bands.RedLow:G6}, {_bands.RedHigh:G6}]";
        return Result(worstSustained, margin, verdict, Evidence.From(samples, worstIndex), unit, message);
    }

    public JudgedResult Evaluate(Sample sample, string? unit = null) => Evaluate([sample], unit);

    /// <summary>How far outside the yellow band (negative inside); NaN is the worst of all.</summary>
    private double Excess(double value) =>
        double.IsNaN(value) ? double.PositiveInfinity : Math.Max(_bands.YellowLow - value, value - _bands.YellowHigh);

    private JudgedResult Result(double measured, double margin, Verdict verdict, Evidence evidence, string? unit, string message) => new()
    {
        Expectation = Name,
        Parameters = [_bands.Parameter],
        Verdict = verdict,
        Measured = measured,
        Unit = unit,
        Low = _bands.YellowLow,
        High = _bands.YellowHigh,
        HardLow = _bands.RedLow,
        HardHigh = _bands.RedHigh,
        Margin = margin,
        Message = message,
        Evidence = evidence,
    };
}
