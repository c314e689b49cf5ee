using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps.Checks;

/// <summary>
/// A held parameter rides out a disturbance applied at a mark (a supply-voltage step, a load change): its largest
/// deviation from the target since then stays within a bound, and it is back within ±band of the target, for good,
/// within a recovery time.
/// </summary>
internal sealed class DisturbanceCheck(string parameter, string since, ValueExpression target, double maxDeviation, double band, double maxRecoverySeconds) : IVerifyCheck
{
    public string Label => $"{parameter} held at {target} through the disturbance at {since}";

    public Task<IReadOnlyList<JudgedResult>> EvaluateAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetMark(since, out DateTimeOffset from))
        {
            throw new StepFailedException(context.Path, $"mark '{since}' was never reached");
        }

        Sample[] samples = context.Rig.Telemetry.History(parameter, from)
            .Select(s => new Sample((s.RigTime - from).TotalSeconds, s.Value)).ToArray();
        double goal = target.Evaluate(context.Variables);
        string? unit = context.UnitOf(parameter);
        if (samples.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<JudgedResult>>(
            [
                JudgedResult.Within($"{parameter} deviation", [parameter], double.NaN, unit, null, maxDeviation, note: $"no {parameter} since mark '{since}'"),
            ]);
        }

        int worst = 0, lastOutside = -1;
        for (int i = 0; i < samples.Length; i++)
        {
            if (Math.Abs(samples[i].Value - goal) > Math.Abs(samples[worst].Value - goal))
            {
                worst = i;
            }

            if (Math.Abs(samples[i].Value - goal) > band)
            {
                lastOutside = i;
            }
        }

        double deviation = samples[worst].Value - goal;
        bool back = lastOutside < samples.Length - 1;
        double recovery = lastOutside < 0 ? 0 : back ? samples[lastOutside + 1].Seconds : double.NaN;
        string recovered = lastOutside < 0
            ? $"never left ±{band:G3} of {goal:G6}"
            : back ? $"back within ±{band:G3} of {goal:G6} from {recovery:F1} s" : $"still outside ±{band:G3} of {goal:G6} at {samples[^1].Seconds:F1} s";
        return Task.FromResult<IReadOnlyList<JudgedResult>>(
        [
            JudgedResult.Within($"{parameter} deviation", [parameter], Math.Abs(deviation), unit, null, maxDeviation, Evidence.From(samples, worst),
                $"largest {deviation:+0.###;-0.###} {unit} from {goal:G6} at {samples[worst].Seconds:F1} s after {since}"),
            JudgedResult.Within($"{parameter} recovery", [parameter], recovery, "s", null, maxRecoverySeconds,
                Evidence.From(samples, Math.Max(0, Math.Min(samples.Length - 1, lastOutside + 1))), recovered),
        ]);
    }

    public static IVerifyCheck? Read(StepReader r)
    {
        var parameter = r.Parameter("parameter");
        string? since = r.String("since");
        ValueExpression? target = r.Value("target");
        double? maxDeviation = r.Number("maxDeviation", min: 0);
        double? band = r.Number("band", min: 0);
        double? maxRecovery = r.Number("maxRecoverySeconds", min: 0);
        if (since is not null && !r.Context.Marks.Contains(since))
        {
            r.Problem(r.Json["since"], "since", $"no mark step before this one is named '{since}'");
        }

        return parameter is null || since is null || target is null || maxDeviation is null || band is null || maxRecovery is null
            ? null
            : new DisturbanceCheck(parameter.Name, since, target, maxDeviation.Value, band.Value, maxRecovery.Value);
    }
}
