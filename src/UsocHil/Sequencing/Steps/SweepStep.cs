using System.Globalization;
using Newtonsoft.Json.Linq;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Repeats inner steps once per value, with the value bound to a variable:
/// <c>{"kind":"sweep","variable":"setpoint","values":[200,400,600,800],"steps":[...]}</c>. Inner paths are
/// "k.i.j": iteration i, inner step j.
/// </summary>
internal sealed class SweepStep(string variable, IReadOnlyList<double> values, IReadOnlyList<ISequenceStep> steps, string? label) : ISequenceStep
{
    public string Kind => "sweep";

    public string Label => label ?? $"{variable} over {string.Join(", ", values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)))}";

    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        for (int i = 0; i < values.Count; i++)
        {
            context.Log.Information("Sweep {Variable} = {Value} ({Iteration} of {Count})", variable, values[i], i + 1, values.Count);
            await context.RunStepsAsync(steps, context.Variables.With(variable, values[i]), (i + 1).ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? variable = r.Identifier("variable");
        JArray? array = r.Array("values");
        var values = new List<double>();
        for (int i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i].Type is JTokenType.Integer or JTokenType.Float)
            {
                values.Add(array[i].Value<double>());
            }
            else
            {
                r.Problem(array[i], $"values[{i}]", "wrong type: expected a number");
            }
        }

        if (array is { Count: 0 })
        {
            r.Problem(array, "values", "a sweep needs at least one value");
        }

        JToken? inner = r.Field("steps", required: true);
        IReadOnlyList<ISequenceStep> steps = r.Context.WithVariables(variable is null ? [] : [variable], () => StepFactory.ReadList(inner, r.Path + ".steps", r.Context));
        return variable is null ? null : new SweepStep(variable, values, steps, r.Label);
    }
}
