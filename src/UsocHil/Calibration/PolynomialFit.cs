using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace UsocHil.Calibration;

/// <summary>
/// A least-squares polynomial y = c0 + c1 x + ... with the standard uncertainty of each coefficient (from the
/// residual variance and the design matrix), the residuals and R². Fit with MathNet.Numerics' Fit.Polynomial (QR).
/// </summary>
public sealed record PolynomialFit(IReadOnlyList<double> Coefficients, IReadOnlyList<double> StandardUncertainties, IReadOnlyList<double> X, IReadOnlyList<double> Y, IReadOnlyList<double> Residuals, double RSquared)
{
    public int Order => Coefficients.Count - 1;

    public double MaxAbsResidual => Residuals.Count == 0 ? 0 : Residuals.Max(Math.Abs);

    public double Evaluate(double x) => Polynomial.Evaluate(x, Coefficients.ToArray());

    public static PolynomialFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y, int order)
    {
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"{x.Count} x values but {y.Count} y values");
        }

        if (x.Count < order + 1)
        {
            throw new ArgumentException($"an order-{order} fit needs at least {order + 1} points, got {x.Count}");
        }

        double[] xs = x.ToArray();
        double[] ys = y.ToArray();
        int notFinite = Array.FindIndex(xs, v => !double.IsFinite(v)) is >= 0 and var i ? i : Array.FindIndex(ys, v => !double.IsFinite(v));
        if (notFinite >= 0)
        {
            throw new ArgumentException($"point {notFinite} is ({xs[notFinite]}, {ys[notFinite]}): every x and y must be a finite number");
        }

        // Fewer distinct x than coefficients leaves the design matrix rank-deficient: QR would return garbage, not fail.
        int distinct = xs.Distinct().Count();
        if (distinct < order + 1)
        {
            throw new ArgumentException($"an order-{order} fit needs at least {order + 1} distinct x values, got {distinct}");
        }

        double[] c = Fit.Polynomial(xs, ys, order, MathNet.Numerics.LinearRegression.DirectRegressionMethod.QR);
        double[] residuals = xs.Select((xi, i) => ys[i] - Polynomial.Evaluate(xi, c)).ToArray();
        double[] fitted = xs.Select(xi => Polynomial.Evaluate(xi, c)).ToArray();
        double rSquared = xs.Length > 1 ? GoodnessOfFit.CoefficientOfDetermination(fitted, ys) : 1;
        int dof = xs.Length - c.Length;
        double[] uncertainties = dof > 0 ? StandardErrors(xs, residuals, order, dof) : new double[c.Length];
        return new PolynomialFit(c, uncertainties, xs, ys, residuals, rSquared);
    }

    private static double[] StandardErrors(double[] x, double[] residuals, int order, int dof)
    {
        Matrix<double> design = Matrix<double>.Build.Dense(x.Length, order + 1, (i, j) => Math.Pow(x[i], j));
        double variance = residuals.Sum(r => r * r) / dof;
        // (X'X)^-1 = R^-1 R^-T from the thin QR of X: better conditioned than inverting X'X when x reaches hundreds.
        Matrix<double> rInverse = design.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R.Inverse();
        Matrix<double> covariance = rInverse.TransposeAndMultiply(rInverse) * variance;
        return Enumerable.Range(0, order + 1).Select(j => Math.Sqrt(Math.Max(0, covariance[j, j]))).ToArray();
    }
}
