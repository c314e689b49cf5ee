using UsocHil.Expectations;
using System.Globalization;
using UsocHil.Calibration;
using UsocHil.Calibration.Thermocouples;
using UsocHil.Uncertainty;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Least-squares polynomial through two columns of a data set (MathNet.Numerics), with coefficient uncertainties,
/// residuals and R²; every residual must be within <c>maxResidual</c> or the step fails (bad coefficients are never
/// uploaded): <c>{"kind":"fit","name":"TC1","data":"tc","x":"TC1_RAW","y":"dmm","order":2,"maxResidual":0.3}</c>.
/// When x is a thermocouple (its parameter names a <c>thermocouple</c> type) the step also fits and records the
/// deviation from the type's reference function (order <c>deviationOrder</c>, by default 2 or less to keep a degree of
/// freedom); where the data set reaches a point from both sides, the hysteresis there is recorded.
/// </summary>
internal sealed class FitStep(string name, string data, string x, string y, int order, double? maxResidual, string? label,
    double referenceExpandedUncertainty = 0, DeclaredBudget? declared = null, IThermocoupleReference? thermocouple = null, int? deviationOrder = null) : ISequenceStep
{
    public string Kind => "fit";

    public string Label => label ?? $"{name}: {y} = poly{order}({x})";

    public TimeSpan? Timeout => null;

    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetSamples(data, out SampleSet? set) || set is null)
        {
            throw new StepFailedException(context.Path, $"data set '{data}' has no samples");
        }

        PolynomialFit fit;
        try
        {
            fit = PolynomialFit.Of(set.Column(x), set.Column(y), order);
        }
        catch (ArgumentException ex)
        {
            throw new StepFailedException(context.Path, $"{name}: {ex.Message}", ex);
        }

        context.Data.SetFit(name, fit);
        context.Observer.OnCalibration(new CalibrationProduct(name, x, fit.Coefficients, fit.StandardUncertainties, fit.X, fit.Y, fit.Residuals, fit.RSquared, context.Now));
        context.Log.Information("Fit {Fit}: coefficients {Coefficients}, uncertainties {Uncertainties}, max residual {MaxResidual:G3}, R2 {RSquared:F6}",
            name, fit.Coefficients, fit.StandardUncertainties, fit.MaxAbsResidual, fit.RSquared);
        context.Record(Measurement.Recorded(context.Path, $"{name} R²", fit.RSquared, null, context.Now));
        if (thermocouple is not null)
        {
            RecordDeviation(context, set, thermocouple);
        }

        foreach (HysteresisPoint point in HysteresisPoint.Of(set, x, y))
        {
            context.Record(Measurement.Recorded(context.Path, string.Create(CultureInfo.InvariantCulture, $"{name} hysteresis at {point.Reference:F1}"), point.Hysteresis, context.UnitOf(y), context.Now,
                string.Create(CultureInfo.InvariantCulture, $"deviation {point.DownDeviation:G4} approached from above (row {point.DownRow + 1}) minus {point.UpDeviation:G4} from below (row {point.UpRow + 1})")));
        }

        foreach (UncertaintyBudget budget in CalibrationPointBudget.Of(name, set, x, y, fit, referenceExpandedUncertainty, declared ?? DeclaredBudget.None, context.UnitOf(y)))
        {
            context.Observer.OnBudget(new BudgetProduct(budget.Result, BudgetKinds.CalibrationPoint, budget, context.Now));
        }

        if (maxResidual is { } bound)
        {
            // The residuals, against the reference reading they belong to, are the evidence.
            var evidence = new Evidence(fit.X, fit.Residuals.Select(Math.Abs).ToArray());
            var measurement = Measurement.Within(context.Path, $"{name} max |residual|", [x, y], fit.MaxAbsResidual, context.UnitOf(y), null, bound, context.Now, evidence);
            context.Record(measurement);
            if (measurement.Verdict.IsFailing())
            {
                throw new StepFailedException(context.Path, $"{name}: a residual of {fit.MaxAbsResidual:G3} exceeds {bound:G3}; coefficients not kept");
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The EURAMET cg-8 deviation function: its coefficients, and its residuals' standard uncertainty, as records.</summary>
    private void RecordDeviation(StepContext context, SampleSet set, IThermocoupleReference reference)
    {
        double[] referenceCelsius = set.Column(y);
        int distinct = referenceCelsius.Distinct().Count();
        int chosen = deviationOrder ?? Math.Clamp(distinct - 2, 1, 2);
        DeviationFit deviation;
        try
        {
            deviation = DeviationFit.Of(reference, referenceCelsius, set.Column(x), chosen);
        }
        catch (ArgumentException ex)
        {
            context.Log.Warning("Fit {Fit}: no deviation function from the type {Type} reference: {Reason}", name, reference.Type, ex.Message);
            context.Record(Measurement.Recorded(context.Path, $"{name} deviation order", chosen, null, context.Now, $"not fitted: {ex.Message}"));
            return;
        }

        for (int j = 0; j < deviation.Coefficients.Count; j++)
        {
            context.Record(Measurement.Recorded(context.Path, $"{name} deviation a{j}", deviation.Coefficients[j], j == 0 ? "mV" : j == 1 ? "mV/degC" : $"mV/degC^{j}", context.Now,
                string.Create(CultureInfo.InvariantCulture, $"ΔE = E(t_{x}) - E_{reference.Type}(t_{y}), u = {deviation.Fit.StandardUncertainties[j]:G3}")));
        }

        string residuals = string.Join(", ", deviation.ResidualsKelvin.Select(r => r.ToString("G3", CultureInfo.InvariantCulture)));
        if (double.IsFinite(deviation.ResidualStandardUncertaintyKelvin))
        {
            context.Record(Measurement.Recorded(context.Path, $"{name} deviation u(residual)", deviation.ResidualStandardUncertaintyKelvin, "K", context.Now,
                string.Create(CultureInfo.InvariantCulture, $"order {chosen}, ν = {deviation.DegreesOfFreedom}, residuals K: {residuals}")));
        }
        else
        {
            context.Record(Measurement.Recorded(context.Path, $"{name} deviation order", chosen, null, context.Now,
                $"no degree of freedom left for the residuals' uncertainty; residuals K: {residuals}"));
        }

        context.Log.Information("Fit {Fit}: deviation from type {Type}, coefficients {DeviationCoefficients} mV, residuals {DeviationResiduals} K, u {DeviationUncertainty:G3} K",
            name, reference.Type, deviation.Coefficients, deviation.ResidualsKelvin, deviation.ResidualStandardUncertaintyKelvin);
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        string? data = r.String("data");
        string? x = r.String("x");
        string? y = r.String("y");
        int order = r.Integer("order", required: false, min: 1, max: 5) ?? 1;
        double? maxResidual = r.Number("maxResidual", required: false, min: 0);
        int? deviationOrder = r.Integer("deviationOrder", required: false, min: 1, max: 3);
        DeclaredBudget declared = r.ReadBudget();
        IThermocoupleReference? thermocouple = null;
        if (x is not null && r.Context.Rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == x)?.Thermocouple is { } sensor
            && !ThermocoupleReferences.TryGet(sensor.Type, out thermocouple))
        {
            r.Problem(r.Json["x"], "x", $"'{x}' is a type {sensor.Type} thermocouple, a type nobody registered; known: {string.Join(", ", ThermocoupleReferences.Types)}");
        }

        double referenceUncertainty = r.Context.Rig.Instruments.FirstOrDefault(i => i.Name == y)?.Reference?.Uncertainty ?? 0;
        if (data is not null)
        {
            if (!r.Context.DataSets.TryGetValue(data, out HashSet<string>? columns))
            {
                r.Problem(r.Json["data"], "data", $"no sample step before this one fills data set '{data}'");
            }
            else
            {
                foreach (var (field, column) in new[] { ("x", x), ("y", y) })
                {
                    if (column is not null && !columns.Contains(column))
                    {
                        r.Problem(r.Json[field], field, $"data set '{data}' has no column '{column}'; it has: {string.Join(", ", columns)}");
                    }
                }
            }
        }

        if (name is not null)
        {
            r.Context.Fits[name] = order;
        }

        return name is null || data is null || x is null || y is null ? null : new FitStep(name, data, x, y, order, maxResidual, r.Label, referenceUncertainty, declared, thermocouple, deviationOrder);
    }
}
