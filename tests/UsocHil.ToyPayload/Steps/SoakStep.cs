using UsocHil.Description;
using UsocHil.Sequencing;
using UsocHil.Sequencing.Steps;

namespace UsocHil.ToyPayload.Steps;

/// <summary>
/// <c>{ "kind": "soak", "target": 40, "tolerance": 0.5, "timeoutSeconds": 300 }</c>: sets the oven's TARGET, turns the
/// heater on and waits until TEMP is within the tolerance of it; records how long the oven took.
/// </summary>
public sealed class SoakStep(double target, double tolerance, TimeSpan timeout, string? label) : ISequenceStep
{
    public string Kind => "soak";

    public string Label => label ?? $"soak at {target:G6}";

    public TimeSpan? Timeout => timeout + TimeSpan.FromSeconds(30);

    public static ISequenceStep? Read(StepReader r)
    {
        ParameterDefinition? settable = r.Context.Rig.Dictionary.Parameters.FirstOrDefault(p => p.Name == "TARGET");
        double? target = r.Number("target", min: settable?.Range?[0], max: settable?.Range?[1]);
        double? tolerance = r.Number("tolerance", min: 0);
        TimeSpan timeout = r.Seconds("timeoutSeconds") ?? TimeSpan.FromMinutes(10);
        return target is null || tolerance is null ? null : new SoakStep(target.Value, tolerance.Value, timeout, r.Label);
    }

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset start = context.Now;
        await context.Rig.SetParametersAsync(new Dictionary<string, double> { ["TARGET"] = target }, cancellationToken).ConfigureAwait(false);
        await context.Rig.SendCommandAsync("HEAT_ON", new Dictionary<string, double>(), cancellationToken).ConfigureAwait(false);
        while (true)
        {
            double temp = (await context.Rig.ReadParametersAsync(["TEMP"], cancellationToken).ConfigureAwait(false))["TEMP"];
            if (Math.Abs(temp - target) <= tolerance)
            {
                double seconds = (context.Now - start).TotalSeconds;
                context.Record(Measurement.Recorded(context.Path, $"soak to {target:G6}", seconds, "s", context.Now, $"TEMP {temp:F3}"));
                return;
            }

            if (context.Now - start > timeout)
            {
                throw new StepFailedException(context.Path, $"TEMP {temp:F3} did not reach {target:G6} ± {tolerance:G3} within {timeout.TotalSeconds:G6} s");
            }

            await Task.Delay(TimeSpan.FromSeconds(1), context.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
