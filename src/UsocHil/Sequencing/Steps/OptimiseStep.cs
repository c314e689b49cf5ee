using System.Globalization;
using Newtonsoft.Json.Linq;
using UsocHil.Expectations;
using UsocHil.Optimisation;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Optimises settings on the rig: each evaluation runs the <c>evaluation</c> steps with the variables bound, and its
/// objective comes from the recorded step response of a parameter after a mark (weighted overshoot, settling time and
/// integral of absolute error). The best point is applied at the end through <c>apply</c>. An evaluation that fails
/// (a wait that times out with wild gains) scores a penalty rather than ending the run; a lost link still ends it.
/// </summary>
internal sealed class OptimiseStep(
    OptimisationMethod method,
    IReadOnlyList<OptimisationVariable> variables,
    int budget,
    double tolerance,
    IReadOnlyList<ISequenceStep> evaluation,
    StepResponseObjective objective,
    IReadOnlyList<(ParameterDefinition Parameter, ValueExpression Value)> apply,
    string? label) : ISequenceStep
{
    private const double FailedEvaluationPenalty = 1e6;

    public string Kind => "optimise";

    public string Label => label ?? $"{method} on {string.Join(", ", variables.Select(v => v.Name))} (at most {budget} evaluations)";

    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        int index = 0;
        async Task<double> EvaluateAsync(IReadOnlyList<double> point, CancellationToken ct)
        {
            index++;
            VariableScope scope = context.Variables.With(variables.Select((v, i) => new KeyValuePair<string, double>(v.Name, point[i])));
            string at = string.Join(", ", variables.Select((v, i) => $"{v.Name}={point[i].ToString("G5", CultureInfo.InvariantCulture)}"));
            try
            {
                await context.RunStepsAsync(evaluation, scope, index.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
            }
            catch (StepFailedException ex)
            {
                context.Event("warning", $"evaluation {index} at {at} failed, scored {FailedEvaluationPenalty:G3}: {ex.Message}");
                return FailedEvaluationPenalty;
            }

            (double value, StepResponse response) = objective.Evaluate(context, scope);
            context.Log.Information("Evaluation {Index} at {Point}: objective {Objective:G5} (overshoot {Overshoot:F2}, settling {Settling:F0} s)",
                index, at, value, response.Overshoot, response.SettlingSeconds);
            context.Record(Measurement.Recorded(context.Path, $"objective #{index}", value, null, context.Now,
                $"{at}; overshoot {response.Overshoot:F3}, settling {response.SettlingSeconds:F0} s"));
            return value;
        }

        OptimisationResult result = await RigOptimiser.MinimiseAsync(method, variables, EvaluateAsync, budget, tolerance, cancellationToken).ConfigureAwait(false);
        string best = string.Join(", ", variables.Select((v, i) => $"{v.Name}={result.Best[i].ToString("G6", CultureInfo.InvariantCulture)}"));
        context.Log.Information("Optimisation ended after {Evaluations} evaluations ({Reason}): best {Best}, objective {Objective:G5}", result.Evaluations, result.Reason, best, result.BestObjective);
        context.Event("info", $"optimum after {result.Evaluations} evaluations ({result.Reason}): {best}");
        context.Record(Measurement.Within(context.Path, "evaluations", variables.Select(v => v.Name).ToArray(), result.Evaluations, null, null, budget, context.Now, note: result.Reason));
        for (int i = 0; i < variables.Count; i++)
        {
            context.Record(Measurement.Recorded(context.Path, $"optimum {variables[i].Name}", result.Best[i], context.UnitOf(variables[i].Name), context.Now));
        }

        if (apply.Count > 0)
        {
            VariableScope scope = context.Variables.With(variables.Select((v, i) => new KeyValuePair<string, double>(v.Name, result.Best[i])));
            var values = apply.ToDictionary(a => a.Parameter.Name, a => a.Value.Evaluate(scope), StringComparer.Ordinal);
            await SetStep.WriteAsync(context, values, readBack: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? methodName = r.String("method");
        OptimisationMethod? method = methodName switch
        {
            "nelder-mead" => OptimisationMethod.NelderMead,
            "golden-section" => OptimisationMethod.GoldenSection,
            _ => null,
        };
        if (methodName is not null && method is null)
        {
            r.Problem(r.Json["method"], "method", methodName == "brent"
                ? "brent is not offered: MathNet.Numerics 5 has no Brent minimiser; use golden-section"
                : $"unknown method '{methodName}'; known: nelder-mead, golden-section");
        }

        var variables = new List<OptimisationVariable>();
        JArray? array = r.Array("variables");
        for (int i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i] is not JObject obj)
            {
                r.Problem(array[i], $"variables[{i}]", "wrong type: expected a variable object");
                continue;
            }

            StepReader v = r.Inner(obj, $"variables[{i}]");
            string? name = v.Identifier("name");
            double? initial = v.Number("initial");
            double? min = v.Number("min");
            double? max = v.Number("max");
            double? step = v.Number("step", required: false, min: 0);
            v.Finish();
            if (name is null || initial is null || min is null || max is null)
            {
                continue;
            }

            if (!(min < max) || initial < min || initial > max)
            {
                r.Problem(obj, $"variables[{i}]", $"{name}: need min < max and initial within them");
                continue;
            }

            variables.Add(new OptimisationVariable(name, initial.Value, min.Value, max.Value, step ?? ((max.Value - min.Value) / 10)));
        }

        if (array is { Count: 0 })
        {
            r.Problem(array, "variables", "an optimise step needs at least one variable");
        }
        else if (method == OptimisationMethod.GoldenSection && variables.Count != 1)
        {
            r.Problem(array, "variables", "golden-section optimises exactly one variable");
        }

        int budget = r.Integer("maxEvaluations", min: 1, max: 1000) ?? 40;
        double tolerance = r.Number("tolerance", required: false, min: 0) ?? 1e-3;
        var names = variables.Select(v => v.Name).ToArray();
        IReadOnlyList<ISequenceStep> evaluation = r.Context.WithVariables(names, () => StepFactory.ReadList(r.Field("evaluation", true), r.Path + ".evaluation", r.Context));
        StepResponseObjective? objective = r.Context.WithVariables(names, () => StepResponseObjective.Read(r));
        var apply = new List<(ParameterDefinition, ValueExpression)>();
        r.Context.WithVariables(names, () =>
        {
            foreach (JProperty property in r.Object("apply", required: false)?.Properties() ?? [])
            {
                if (r.Parameter(property, $"apply.{property.Name}", property.Name, settable: true) is { } parameter
                    && r.Value(property.Value, $"apply.{property.Name}", parameter) is { } value)
                {
                    apply.Add((parameter, value));
                }
            }

            return 0;
        });

        return method is null || objective is null ? null : new OptimiseStep(method.Value, variables, budget, tolerance, evaluation, objective, apply, r.Label);
    }

}
