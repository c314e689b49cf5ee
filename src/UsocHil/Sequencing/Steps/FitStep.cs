using UsocHil.Expectations;
using System.Globalization;
using UsocHil.Calibration;
using UsocHil.Uncertainty;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Least-squares polynomial through two columns of a data set (MathNet.Numerics), with coefficient uncertainties,
/// residuals and R²; every residual must be within <c>maxResidual</c> or the step fails (bad coefficients are never
/// uploaded): <c>{"kind":"fit","name":"TC1","data":"tc","x":"TC1_RAW","y":"dmm","order":2,"maxResidual":0.3}</c>.
/// </summary>
internal sealed class FitStep(string name, string data, string x, string y, int order, double? maxResidual, string? label,
    double referenceExpandedUncertainty = 0, DeclaredBudget? declared = null) : ISequenceStep
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

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        string? data = r.String("data");
        string? x = r.String("x");
        string? y = r.String("y");
        int order = r.Integer("order", required: false, min: 1, max: 5) ?? 1;
        double? maxResidual = r.Number("maxResidual", required: false, min: 0);
        DeclaredBudget declared = r.ReadBudget();
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

        return name is null || data is null || x is null || y is null ? null : new FitStep(name, data, x, y, order, maxResidual, r.Label, referenceUncertainty, declared);
    }
}
