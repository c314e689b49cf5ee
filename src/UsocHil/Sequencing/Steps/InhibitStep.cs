namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Runs inner steps with the red limits of some parameters inhibited, for a test that must cross them on purpose
/// (an over-temperature protection check): <c>{"kind":"inhibit","parameters":["TC1_TEMP"],"steps":[...]}</c>.
/// The inhibition is logged, reported as an event and always lifted when the inner steps end, however they end.
/// </summary>
internal sealed class InhibitStep(IReadOnlyList<string> parameters, IReadOnlyList<ISequenceStep> steps, string? label) : ISequenceStep
{
    public string Kind => "inhibit";

    public string Label => label ?? $"red limits inhibited on {string.Join(", ", parameters)}";

    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        context.Event("warning", $"red limits inhibited on {string.Join(", ", parameters)}");
        context.Observer.OnEvent(Deviations.Event(Deviations.InhibitedLimit, $"step {context.Path}: red limits on {string.Join(", ", parameters)}", context.Now));
        using (context.Rig.InhibitLimits(parameters))
        {
            await context.RunStepsAsync(steps, context.Variables, null, cancellationToken).ConfigureAwait(false);
        }

        context.Event("info", $"red limits on {string.Join(", ", parameters)} enforced again");
    }

    public static ISequenceStep? Read(StepReader r)
    {
        IReadOnlyList<string> parameters = r.Strings("parameters") ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            if (r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i]) is not null && !r.Context.Rig.Limits.Any(l => l.Parameter == parameters[i]))
            {
                r.Problem(r.Json["parameters"]![i], $"parameters[{i}]", $"{parameters[i]} has no limits to inhibit");
            }
        }

        IReadOnlyList<ISequenceStep> steps = StepFactory.ReadList(r.Field("steps", true), r.Path + ".steps", r.Context);
        return new InhibitStep(parameters, steps, r.Label);
    }
}
