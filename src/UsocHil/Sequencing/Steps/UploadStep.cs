using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Uploads a fit's coefficients to device parameters through service 20, reads them back and compares each:
/// <c>{"kind":"upload","fit":"TC1","parameters":["TC1_C0","TC1_C1","TC1_C2"]}</c>.
/// </summary>
internal sealed class UploadStep(string fit, IReadOnlyList<string> parameters, string? label) : ISequenceStep
{
    public string Kind => "upload";

    public string Label => label ?? $"{fit} -> {string.Join(", ", parameters)}";

    /// <summary>A backstop only: every command has its own verification timeouts, and may be sent three times.</summary>
    public TimeSpan? Timeout => TimeSpan.FromMinutes(2);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetFit(fit, out var result) || result is null)
        {
            throw new StepFailedException(context.Path, $"fit '{fit}' has not been made");
        }

        var values = parameters.Select((p, i) => (p, result.Coefficients[i])).ToDictionary(v => v.p, v => v.Item2, StringComparer.Ordinal);
        await context.Rig.SetParametersAsync(values, cancellationToken).ConfigureAwait(false);
        foreach (var (name, value) in values)
        {
            context.Data.Applied(name, value);
        }

        IReadOnlyDictionary<string, double> read = await context.Rig.ReadParametersAsync(parameters, cancellationToken).ConfigureAwait(false);
        var mismatches = new List<string>();
        foreach (var (name, value) in values)
        {
            double back = read.TryGetValue(name, out double v) ? v : double.NaN;
            bool same = SetStep.SameOnTheWire(value, back);
            context.Record(new Measurement(context.Path, JudgedResult.Holds($"{name} read back", [name], back, context.UnitOf(name), same, $"== {Float32(value)} (float32)", value), context.Now));
            if (!same)
            {
                mismatches.Add($"{name} read back {back:R}, uploaded {value:R}");
            }
        }

        if (mismatches.Count > 0)
        {
            throw new StepFailedException(context.Path, string.Join("; ", mismatches));
        }
    }

    /// <summary>The value as the payload holds it: the shortest text that reads back as the same float32 (2.582443, not 2.5824434459173062).</summary>
    private static string Float32(double value) => ((float)value).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static ISequenceStep? Read(StepReader r)
    {
        string? fit = r.String("fit");
        IReadOnlyList<string> parameters = r.Strings("parameters") ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i], settable: true);
        }

        if (fit is not null)
        {
            if (!r.Context.Fits.TryGetValue(fit, out int order))
            {
                r.Problem(r.Json["fit"], "fit", $"no fit step before this one makes '{fit}'");
            }
            else if (parameters.Count != order + 1)
            {
                r.Problem(r.Json["parameters"], "parameters", $"fit '{fit}' has order {order}: give {order + 1} parameters for its coefficients, c0 first");
            }
        }

        return fit is null ? null : new UploadStep(fit, parameters, r.Label);
    }

}
