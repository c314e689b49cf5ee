using MathNet.Numerics;
using UsocHil.Expectations;

namespace UsocHil.Results;

/// <summary>How one sensor's calibration moved between two runs: coefficient by coefficient, and in engineering units across the fitted range.</summary>
/// <param name="Unit">The calibrated value's unit, as the run's fit check recorded it; null where it did not.</param>
public sealed record CalibrationDrift(string Sensor, IReadOnlyList<CoefficientDrift> Coefficients, IReadOnlyList<(double Raw, double Drift)> DriftAt, double ResidualRmsA, double ResidualRmsB,
    string? Unit = null)
{
    /// <summary>The largest change of the calibrated value across the fitted range, in <see cref="Unit"/>.</summary>
    public double MaxDrift => DriftAt.Count == 0 ? double.NaN : DriftAt.Max(d => Math.Abs(d.Drift));
}

/// <summary>One coefficient in run A and run B; <see cref="Sigmas"/> is the change over the combined standard uncertainty.</summary>
public sealed record CoefficientDrift(int Index, double A, double B, double Sigmas)
{
    public double Delta => B - A;
}

/// <summary>An expectation's verdict in run A and run B (null where the run did not evaluate it).</summary>
public sealed record VerdictChange(string Expectation, Verdict? A, Verdict? B, double? MarginA, double? MarginB)
{
    public bool Changed => A != B;
}

/// <summary>
/// Regression between campaigns: calibration coefficient drift per sensor and verdict changes per expectation between two
/// runs of a rig. Expectations evaluated more than once in a run are matched by name and occurrence.
/// </summary>
public sealed record RunComparison(long RunA, long RunB, bool SameRig, IReadOnlyList<CalibrationDrift> Calibrations, IReadOnlyList<VerdictChange> Verdicts)
{
    public static RunComparison Compare(RunRecord a, RunRecord b)
    {
        var drifts = new List<CalibrationDrift>();
        foreach (CalibrationRow pa in a.Calibrations)
        {
            if (b.Calibrations.LastOrDefault(p => p.Sensor == pa.Sensor) is not { } pb)
            {
                continue;
            }

            var coefficients = Enumerable.Range(0, Math.Max(pa.Coefficients.Count, pb.Coefficients.Count)).Select(i =>
            {
                double ca = At(pa.Coefficients, i), cb = At(pb.Coefficients, i);
                double u = Math.Sqrt(Math.Pow(At(pa.Uncertainties, i), 2) + Math.Pow(At(pb.Uncertainties, i), 2));
                return new CoefficientDrift(i, ca, cb, u > 0 ? (cb - ca) / u : double.NaN);
            }).ToList();
            double[] raws = pa.Points.Select(p => p.Raw).ToArray();
            var at = raws.Length == 0 ? [] : new[] { raws.Min(), (raws.Min() + raws.Max()) / 2, raws.Max() }
                .Select(x => (x, Polynomial.Evaluate(x, pb.Coefficients.ToArray()) - Polynomial.Evaluate(x, pa.Coefficients.ToArray())))
                .ToList();
            drifts.Add(new CalibrationDrift(pa.Sensor, coefficients, at, pa.ResidualRms, pb.ResidualRms, CalibratedUnit(a, pa.Sensor)));
        }

        var va = Occurrences(a);
        var vb = Occurrences(b);
        var verdicts = va.Keys.Union(vb.Keys).Select(key =>
        {
            JudgedResult? ra = va.GetValueOrDefault(key), rb = vb.GetValueOrDefault(key);
            return new VerdictChange(key, ra?.Verdict, rb?.Verdict, ra?.Margin, rb?.Margin);
        }).ToList();
        return new RunComparison(a.Id, b.Id, a.Summary.Header.Rig == b.Summary.Header.Rig, drifts, verdicts);
    }

    private static Dictionary<string, JudgedResult> Occurrences(RunRecord run)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new Dictionary<string, JudgedResult>(StringComparer.Ordinal);
        foreach (JudgedResult x in run.Verdicts.Select(m => m.Judged!))
        {
            int n = seen[x.Expectation] = seen.GetValueOrDefault(x.Expectation) + 1;
            result[n == 1 ? x.Expectation : $"{x.Expectation} #{n}"] = x;
        }

        return result;
    }

    /// <summary>The unit of what a fit of <paramref name="sensor"/> calibrates: the unit its judged results were held in.</summary>
    private static string? CalibratedUnit(RunRecord run, string sensor) =>
        run.Verdicts.Select(v => v.Judged!).FirstOrDefault(j => j.Parameters.Count > 1 && j.Parameters[0] == sensor && j.Unit is not null)?.Unit;

    private static double At(IReadOnlyList<double> values, int i) => i < values.Count ? values[i] : 0;
}
