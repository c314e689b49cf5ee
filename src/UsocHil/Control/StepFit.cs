using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using UsocHil.Expectations;

namespace UsocHil.Control;

/// <summary>
/// A <see cref="ProcessModel"/> fitted by least squares to the recorded response to one input step: the output's
/// level before the step and the gain are solved linearly for each choice of time constants and dead time (variable
/// projection), and those are searched with MathNet.Numerics' Nelder-Mead simplex from several starts.
/// With <c>lags</c> = 1 the model is first order plus dead time; 2 adds a second lag.
/// </summary>
public sealed record StepFit(ProcessModel Model, double Baseline, double ResidualRms, int Count)
{
    /// <summary>
    /// The parameters' standard errors (K, T, T2, L; T2 is 0 for one lag) from the linearised least-squares problem at
    /// the optimum: s² (JᵀJ)⁻¹ with s² = SSE / (n - p) and J the output's sensitivity to K, T, (T2,) L and the baseline,
    /// by central differences. NaN where the problem is singular there (a dead time of 0, a lag the data cannot see).
    /// </summary>
    public ProcessModel StandardErrors { get; init; } = new(double.NaN, double.NaN, double.NaN, double.NaN);

    /// <summary>
    /// Fits <paramref name="output"/> (seconds from any origin) to a step of <paramref name="inputStep"/> applied at
    /// <paramref name="stepSeconds"/>; samples before the step fix the baseline.
    /// </summary>
    public static StepFit Fit(IReadOnlyList<Sample> output, double stepSeconds, double inputStep, int lags)
    {
        if (lags is not (1 or 2))
        {
            throw new ArgumentOutOfRangeException(nameof(lags), lags, "a step fit has one or two lags");
        }

        double[] t = output.Select(s => s.Seconds - stepSeconds).ToArray();
        double[] y = output.Select(s => s.Value).ToArray();
        double duration = t.Length == 0 ? 0 : t.Max();
        if (t.Count(x => x > 0) < 2 * (lags + 2) || duration <= 0 || inputStep == 0 || !double.IsFinite(inputStep))
        {
            throw new ArgumentException($"a step fit needs an input step and at least {2 * (lags + 2)} samples after it (got {t.Count(x => x > 0)}, step {inputStep:G4})", nameof(output));
        }

        double best = double.PositiveInfinity;
        double[] bestPoint = [];
        double Objective(Vector<double> p)
        {
            double sse = Solve(t, y, inputStep, Shape(p, lags, 1)).Sse;
            if (sse < best)
            {
                best = sse;
                bestPoint = p.ToArray();
            }

            return sse;
        }

        foreach (double[] start in Starts(duration, lags))
        {
            var simplex = new NelderMeadSimplex(1e-12, 4000);
            try
            {
                simplex.FindMinimum(ObjectiveFunction.Value(Objective), Vector<double>.Build.Dense(start),
                    Vector<double>.Build.Dense(start.Select(x => Math.Max(0.3, Math.Abs(x) * 0.3)).ToArray()));
            }
            catch (MaximumIterationsException)
            {
                // The best point seen so far stands; a start that wanders off is only one of several.
            }
        }

        var (_, baseline, gain) = Solve(t, y, inputStep, Shape(Vector<double>.Build.Dense(bestPoint), lags, 1));
        ProcessModel model = Shape(Vector<double>.Build.Dense(bestPoint), lags, gain);
        return new StepFit(model, baseline, Math.Sqrt(best / t.Length), t.Length) { StandardErrors = Errors(t, inputStep, model, baseline, best, lags) };
    }

    private static ProcessModel Errors(double[] t, double inputStep, ProcessModel model, double baseline, double sse, int lags)
    {
        // Parameters: K, T, L, baseline (and T2 with two lags).
        double[] p = lags == 2
            ? [model.Gain, model.TimeConstantSeconds, model.DeadTimeSeconds, baseline, model.LagSeconds]
            : [model.Gain, model.TimeConstantSeconds, model.DeadTimeSeconds, baseline];
        int n = t.Length, k = p.Length;
        if (n <= k)
        {
            return new ProcessModel(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Output(double[] q, double time) =>
            q[3] + (q[0] * inputStep * new ProcessModel(1, q[1], lags == 2 ? q[4] : 0, Math.Max(0, q[2])).UnitStep(time));

        Matrix<double> jacobian = Matrix<double>.Build.Dense(n, k);
        for (int j = 0; j < k; j++)
        {
            double h = Math.Max(1e-6, Math.Abs(p[j]) * 1e-5);
            double[] up = (double[])p.Clone(), down = (double[])p.Clone();
            up[j] += h;
            down[j] -= h;
            for (int i = 0; i < n; i++)
            {
                jacobian[i, j] = (Output(up, t[i]) - Output(down, t[i])) / (2 * h);
            }
        }

        Matrix<double> information = jacobian.TransposeThisAndMultiply(jacobian);
        double variance = sse / (n - k);
        Matrix<double> covariance;
        try
        {
            covariance = information.Inverse() * variance;
        }
        catch (ArgumentException)
        {
            return new ProcessModel(double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double Se(int j) => covariance[j, j] is var v && v >= 0 && double.IsFinite(v) ? Math.Sqrt(v) : double.NaN;
        return new ProcessModel(Se(0), Se(1), lags == 2 ? Se(4) : 0, Se(2));
    }

    /// <summary>Log of the dominant time constant, square roots of the second lag and of the dead time: all stay positive.</summary>
    private static ProcessModel Shape(Vector<double> p, int lags, double gain) =>
        new(gain, Math.Exp(p[0]), lags == 2 ? p[2] * p[2] : 0, p[1] * p[1]);

    private static IEnumerable<double[]> Starts(double duration, int lags)
    {
        foreach (double time in new[] { duration / 3, duration, 3 * duration })
        {
            foreach (double dead in new[] { 0.3, Math.Sqrt(0.02 * duration) })
            {
                yield return lags == 2 ? [Math.Log(time), dead, Math.Sqrt(0.01 * duration)] : [Math.Log(time), dead];
            }
        }
    }

    /// <summary>Least squares of y = baseline + K·step·shape(t) for a fixed shape: the sum of squares, baseline and K.</summary>
    private static (double Sse, double Baseline, double Gain) Solve(double[] t, double[] y, double inputStep, ProcessModel shape)
    {
        int n = t.Length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = inputStep * shape.UnitStep(t[i]);
            sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i];
        }

        double denominator = (n * sxx) - (sx * sx);
        if (denominator <= 1e-300 * Math.Max(1, n * sxx))
        {
            return (double.PositiveInfinity, sy / n, 0);
        }

        double gain = ((n * sxy) - (sx * sy)) / denominator;
        double baseline = (sy - (gain * sx)) / n;
        double sse = 0;
        for (int i = 0; i < n; i++)
        {
            sse += Math.Pow(y[i] - baseline - (gain * x[i]), 2);
        }

        return (sse, baseline, gain);
    }
}
