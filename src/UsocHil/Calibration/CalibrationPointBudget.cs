using System.Globalization;
using MathNet.Numerics;
using UsocHil.Uncertainty;

namespace UsocHil.Calibration;

/// <summary>
/// The uncertainty of the calibrated value at each point of a fit (EURAMET cg-8 style): the reference's certificate
/// and drift, the readout's resolution, the reference's stability over the sampling window (the scatter of its mean and
/// the drift seen across the window), the uniformity between the reference and the sensor, the sensor's repeatability,
/// hysteresis and the fit itself. The sensor's components are carried into the result by the slope of the fitted curve
/// at the point. Hysteresis is measured where the set reaches a point from both sides (half the up/down difference as
/// a rectangular half-width); other points take the largest measured, and only a set with no such pair takes the
/// declared value.
/// </summary>
public static class CalibrationPointBudget
{
    public static IReadOnlyList<UncertaintyBudget> Of(string sensor, SampleSet set, string x, string y, PolynomialFit fit,
        double referenceExpandedKEqualsTwo, DeclaredBudget declared, string? unit)
    {
        double[] derivative = Differentiate(fit.Coefficients);
        UncertaintyComponent interpolation = FitComponent(fit);
        IReadOnlyList<HysteresisPoint> hysteresis = HysteresisPoint.Of(set, x, y);
        bool[] fromBelow = HysteresisPoint.ApproachedFromBelow(set.Column(y));
        var budgets = new List<UncertaintyBudget>(set.Rows.Count);
        for (int index = 0; index < set.Rows.Count; index++)
        {
            IReadOnlyDictionary<string, SampleStatistics> row = set.Rows[index];
            SampleStatistics sensorStats = row[x];
            SampleStatistics referenceStats = row[y];
            double slope = derivative.Length == 0 ? 0 : Polynomial.Evaluate(sensorStats.Mean, derivative);
            budgets.Add(new UncertaintyBudget(
                string.Create(CultureInfo.InvariantCulture, $"{sensor} at {referenceStats.Mean:F1}{(unit is null ? "" : " " + unit)}{(fromBelow[index] ? "" : ", approached from above")}"), unit,
            [
                DeclaredBudget.ReferenceCertificate(referenceExpandedKEqualsTwo),
                declared.ReferenceDrift,
                declared.ReadoutResolution(slope),
                MeanOf("stability of the reference during sampling", referenceStats, 1),
                UncertaintyComponent.Rectangular("drift of the reference during sampling", referenceStats.Drift / 2),
                declared.ReferenceUniformity,
                MeanOf("repeatability of the sensor", sensorStats, slope),
                HysteresisAt(index, hysteresis, declared),
                interpolation,
            ]));
        }

        return budgets;
    }

    private static UncertaintyComponent HysteresisAt(int row, IReadOnlyList<HysteresisPoint> measured, DeclaredBudget declared)
    {
        if (measured.Count == 0)
        {
            return declared.HysteresisComponent;
        }

        HysteresisPoint? own = measured.FirstOrDefault(p => p.UpRow == row || p.DownRow == row);
        return own is not null
            ? UncertaintyComponent.Rectangular("hysteresis (measured up/down)", own.Hysteresis / 2)
            : UncertaintyComponent.Rectangular("hysteresis (largest measured up/down)", measured.Max(p => Math.Abs(p.Hysteresis)) / 2);
    }

    /// <summary>The standard deviation of the mean of a sampling window, ν = n - 1.</summary>
    private static UncertaintyComponent MeanOf(string name, SampleStatistics stats, double sensitivity) =>
        new(name, stats.StandardDeviation / Math.Sqrt(stats.Count), sensitivity, Math.Max(1, stats.Count - 1));

    /// <summary>The residual standard error of the fit, with the fit's n - (order + 1) degrees of freedom.</summary>
    private static UncertaintyComponent FitComponent(PolynomialFit fit)
    {
        int dof = fit.X.Count - fit.Coefficients.Count;
        return dof > 0
            ? new UncertaintyComponent("fit and interpolation", Math.Sqrt(fit.Residuals.Sum(r => r * r) / dof), 1, dof)
            : UncertaintyComponent.Rectangular("fit and interpolation", fit.MaxAbsResidual);
    }

    private static double[] Differentiate(IReadOnlyList<double> coefficients) =>
        Enumerable.Range(1, Math.Max(0, coefficients.Count - 1)).Select(i => i * coefficients[i]).ToArray();
}
