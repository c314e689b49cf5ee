using System.Globalization;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Runs inner steps that change settings of the unit on purpose (a safety check that shifts a calibration to trip a
/// protection) and puts them back as they were before, however the inner steps end, reading them back:
/// <c>{"kind":"restore","parameters":["TC1_C0"],"steps":[...]}</c>. The values read before and after are recorded
/// ("restored: NAME"); a value that does not read back as it was fails the step.
/// </summary>
internal sealed class RestoreStep(IReadOnlyList<string> parameters, IReadOnlyList<ISequenceStep> steps, string? label) : ISequenceStep
{
    /// <summary>The name prefix of the values it records after restoring.</summary>
    public const string Prefix = "restored: ";

    public string Kind => "restore";

    public string Label => label ?? $"{string.Join(", ", parameters)} restored afterwards";

    public TimeSpan? Timeout => null;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, double> before = await context.Rig.ReadParametersAsync(parameters, cancellationToken).ConfigureAwait(false);
        try
        {
            await context.RunStepsAsync(steps, context.Variables, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // An aborted run is safed instead: the rig is powered down and the unit keeps its stored values.
            if (!cancellationToken.IsCancellationRequested)
            {
                await RestoreAsync(context, before, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RestoreAsync(StepContext context, IReadOnlyDictionary<string, double> before, CancellationToken cancellationToken)
    {
        await context.Rig.SetParametersAsync(before, cancellationToken).ConfigureAwait(false);
        IReadOnlyDictionary<string, double> after = await context.Rig.ReadParametersAsync(parameters, cancellationToken).ConfigureAwait(false);
        foreach (string parameter in parameters)
        {
            string was = before[parameter].ToString("R", CultureInfo.InvariantCulture);
            context.Record(Measurement.Recorded(context.Path, Prefix + parameter, after[parameter], context.UnitOf(parameter), context.Now, $"read back after restoring; was {was} before the inner steps"));
        }

        string[] differ = [.. parameters.Where(p => after[p] != before[p])
            .Select(p => FormattableString.Invariant($"{p} read back {after[p]:R}, was {before[p]:R}"))];
        if (differ.Length > 0)
        {
            throw new StepFailedException(context.Path, "not restored: " + string.Join("; ", differ));
        }

        context.Event("info", $"{string.Join(", ", parameters)} restored and read back");
    }

    public static ISequenceStep? Read(StepReader r)
    {
        IReadOnlyList<string> parameters = r.Strings("parameters") ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i], settable: true);
        }

        IReadOnlyList<ISequenceStep> steps = StepFactory.ReadList(r.Field("steps", true), r.Path + ".steps", r.Context);
        return new RestoreStep(parameters, steps, r.Label);
    }
}
