namespace UsocHil.Expectations;

/// <summary>
/// A recorded golden response with a tolerance envelope: every measured sample within the golden record's time span must
/// lie within ±tolerance of the golden curve, linearly interpolated at the sample's time.
/// </summary>
public sealed class ReferenceCurveExpectation
{
    private readonly Sample[] _golden;

    public ReferenceCurveExpectation(string name, string parameter, IReadOnlyList<Sample> golden, Tolerance tolerance)
    {
        if (golden.Count < 2)
        {
            throw new ArgumentException($"{name}: a reference curve needs at least two points", nameof(golden));
        }

        _golden = golden.OrderBy(s => s.Seconds).ToArray();
        Name = name;
        Parameter = parameter;
        Tolerance = tolerance;
    }

    public string Name { get; }
    public string Parameter { get; }
    public Tolerance Tolerance { get; }

    /// <summary>The golden curve at <paramref name="seconds"/>, or NaN outside its span.</summary>
    public double ReferenceAt(double seconds)
    {
        if (seconds < _golden[0].Seconds || seconds > _golden[^1].Seconds)
        {
            return double.NaN;
        }

        int hi = Array.BinarySearch(_golden, new Sample(seconds, 0), Comparer<Sample>.Create((a, b) => a.Seconds.CompareTo(b.Seconds)));
        if (hi >= 0)
        {
            return _golden[hi].Value;
        }

        hi = ~hi;
        Sample a = _golden[hi - 1], b = _golden[hi];
        return a.Value + ((b.Value - a.Value) * (seconds - a.Seconds) / (b.Seconds - a.Seconds));
    }

    public JudgedResult Evaluate(IReadOnlyList<Sample> samples, string? unit = null)
    {
        var deviations = new List<Sample>(samples.Count);
        int worst = -1;
        foreach (Sample s in samples)
        {
            double reference = ReferenceAt(s.Seconds);
            if (double.IsNaN(reference))
            {
                continue;
            }

            deviations.Add(new Sample(s.Seconds, s.Value - reference));
            if (worst < 0 || !(Math.Abs(deviations[^1].Value) <= Math.Abs(deviations[worst].Value)))
            {
                worst = deviations.Count - 1;
            }
        }

        double measured = worst < 0 ? double.NaN : deviations[worst].Value;
        var (verdict, margin) = Judge.AtMost(Math.Abs(measured), Tolerance);
        string message = worst < 0
            ? $"{Parameter}: no samples inside the reference curve's span"
            : $"{Parameter}: largest deviation from the reference {measured:+0.000;-0.000} {unit} at {deviations[worst].Seconds:F1} s (envelope ±{Tolerance.Nominal:G4})";
        return new JudgedResult
        {
            Expectation = Name,
            Parameters = [Parameter],
            Verdict = verdict,
            Measured = measured,
            Unit = unit,
            Low = -Tolerance.Nominal,
            High = Tolerance.Nominal,
            HardLow = -Tolerance.Hard,
            HardHigh = Tolerance.Hard,
            Margin = margin,
            Message = message,
            Evidence = Evidence.From(deviations, worst),
        };
    }
}
