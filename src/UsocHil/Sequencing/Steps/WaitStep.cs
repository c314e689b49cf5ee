using UsocHil.Expectations;
using UsocHil.Rigs;
using System.Globalization;
using Newtonsoft.Json.Linq;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Waits for a telemetry condition, with a timeout and an optional stability window, or simply for a time:
/// <c>{"kind":"wait","parameter":"CHAMBER_PRESSURE","near":"$setpoint","tolerance":1,"stable":{"maxRatePerMinute":0.05,"seconds":60},"timeoutSeconds":5400}</c>.
/// With <c>"record"</c> the time it took becomes a measurement, held against <c>"maxSeconds"</c> if given. A timeout
/// fails the step unless <c>"onTimeout": "continue"</c>, for a certification that should judge a slow response by its
/// expectations rather than stop at it.
/// </summary>
internal sealed class WaitStep(WaitCondition? condition, TimeSpan? duration, TimeSpan? timeout, string? record, double? maxSeconds, string? label, bool continueOnTimeout = false) : ISequenceStep
{
    public string Kind => "wait";

    public string Label => label ?? (condition is null ? $"{duration!.Value.TotalSeconds:G6} s" : Describe(condition));

    /// <summary>With <c>"onTimeout": "continue"</c> the step keeps its own deadline and the run goes on to verify what happened.</summary>
    public TimeSpan? Timeout => continueOnTimeout ? null : timeout;

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        DateTimeOffset started = context.Now;
        if (condition is null)
        {
            await Task.Delay(duration!.Value, context.Time, cancellationToken).ConfigureAwait(false);
            return;
        }

        string state = "";
        long startReports = context.Rig.Telemetry.ReportCount;
        DateTimeOffset? firstFresh = null;
        try
        {
            while (true)
            {
                if (firstFresh is null && context.Rig.Telemetry.ReportCount > startReports
                    && context.Rig.Telemetry.TryGetLatest(condition.Parameter, out var first))
                {
                    firstFresh = first.RigTime;
                }

                if (condition.IsMet(context.Rig.Telemetry, firstFresh, context.Variables, out state))
                {
                    break;
                }

                if (!continueOnTimeout)
                {
                    await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (!await NextUpdateBeforeAsync(context, started + timeout!.Value, cancellationToken).ConfigureAwait(false))
                {
                    context.Event("warning", $"{Label}: not met within {timeout.Value.TotalSeconds:G6} s ({state}); the run goes on");
                    context.Observer.OnEvent(Deviations.Event(Deviations.ContinueOnTimeout, $"step {context.Path} {Label}: not met within {timeout.Value.TotalSeconds:G6} s", context.Now));
                    if (record is not null)
                    {
                        context.Record(Measurement.Within(context.Path, record, [condition.Parameter], double.NaN, "s", null, maxSeconds, context.Now, note: $"not met within {timeout.Value.TotalSeconds:G6} s"));
                    }

                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!string.IsNullOrEmpty(state))
        {
            context.Event("warning", $"wait ended with {state}");
            throw;
        }

        // Timed on the payload's stamp of the sample that met the condition: under an accelerated clock a stall of the
        // harness would otherwise count as the payload being slow.
        TimeSpan took = MetAt(context, condition, started) - started;
        took = took < TimeSpan.Zero ? TimeSpan.Zero : took; // sampled on board before the wait began: it already held
        context.Log.Information("Wait {Label} met after {Seconds:F0} s: {State}", Label, took.TotalSeconds, state);
        if (record is not null)
        {
            context.Record(Measurement.Within(context.Path, record, [condition.Parameter], took.TotalSeconds, "s", null, maxSeconds, context.Now, note: state));
        }
    }

    private static async Task<bool> NextUpdateBeforeAsync(StepContext context, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        TimeSpan left = deadline - context.Now;
        if (left <= TimeSpan.Zero)
        {
            return false;
        }

        try
        {
            await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).WaitAsync(left, context.Time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// When the condition came to hold, on the payload's stamps: reports can arrive in a burst after a stall, and the
    /// latest of them is not when it happened. A condition with a stability window holds at its latest sample.
    /// </summary>
    private static DateTimeOffset MetAt(StepContext context, WaitCondition condition, DateTimeOffset started)
    {
        if (condition.StableFor is null)
        {
            foreach (TelemetrySample sample in context.Rig.Telemetry.History(condition.Parameter, started))
            {
                if (condition.Holds(sample.Value, context.Variables))
                {
                    return sample.RigTime;
                }
            }
        }

        return context.Rig.Telemetry.TryGetLatest(condition.Parameter, out var latest) ? latest.RigTime : context.Now;
    }

    private static string Describe(WaitCondition c)
    {
        var parts = new List<string>();
        if (c.Near is not null)
        {
            parts.Add($"{c.Parameter} within {c.Tolerance.ToString("G4", CultureInfo.InvariantCulture)} of {c.Near}");
        }

        if (c.Above is not null)
        {
            parts.Add($"{c.Parameter} > {c.Above}");
        }

        if (c.Below is not null)
        {
            parts.Add($"{c.Parameter} < {c.Below}");
        }

        if (c.EqualTo is not null)
        {
            parts.Add($"{c.Parameter} = {c.EqualTo}");
        }

        if (c.BitsSet is not null)
        {
            parts.Add($"{c.Parameter} has bits 0x{c.BitsSet:X}");
        }

        if (c.StableFor is { } window)
        {
            parts.Add($"stable {(c.MaxRatePerMinute is { } r ? $"(<{r.ToString("G3", CultureInfo.InvariantCulture)}/min) " : "")}for {window.TotalSeconds:G4} s");
        }

        return string.Join(", ", parts);
    }

    public static ISequenceStep? Read(StepReader r)
    {
        TimeSpan? duration = r.Seconds("seconds");
        TimeSpan? timeout = r.Seconds("timeoutSeconds");
        string? record = r.String("record", required: false);
        double? maxSeconds = r.Number("maxSeconds", required: false, min: 0);
        string? onTimeout = r.String("onTimeout", required: false);
        if (onTimeout == "continue")
        {
            r.Context.ContinuesOnTimeout++;
        }

        if (onTimeout is not null and not "fail" and not "continue")
        {
            r.Problem(r.Json["onTimeout"], "onTimeout", $"'{onTimeout}' is not a timeout policy: fail (the default) or continue");
        }

        if (r.Json["parameter"] is null)
        {
            if (duration is null)
            {
                r.Problem(null, "", "a wait step needs a parameter condition or seconds");
            }

            return new WaitStep(null, duration, timeout, record, maxSeconds, r.Label);
        }

        ParameterDefinition? parameter = r.Parameter("parameter");
        if (timeout is null)
        {
            r.Problem(null, "", "a wait on telemetry needs timeoutSeconds, so it cannot wait forever");
        }

        ValueExpression? near = r.Value("near", required: false);
        double tolerance = r.Number("tolerance", required: near is not null, min: 0) ?? 0;
        ValueExpression? above = r.Value("above", required: false);
        ValueExpression? below = r.Value("below", required: false);
        double? equal = null;
        if (r.Field("equals", false) is { } equals)
        {
            equal = EnumOrNumber(r, parameter, equals);
        }

        int? bits = r.Integer("bitsSet", required: false, min: 1);
        double? rate = null;
        TimeSpan? stable = null;
        if (r.Object("stable", required: false) is { } stableObject)
        {
            StepReader inner = r.Inner(stableObject, "stable");
            rate = inner.Number("maxRatePerMinute", required: false, min: 0);
            stable = inner.Seconds("seconds", required: true, min: 1);
            inner.Finish();
        }

        if (near is null && above is null && below is null && equal is null && bits is null && stable is null && !r.HasProblems)
        {
            r.Problem(null, "", "a wait on telemetry needs a condition: near, above, below, equals, bitsSet or stable");
        }

        return parameter is null ? null : new WaitStep(
            new WaitCondition { Parameter = parameter.Name, Names = parameter.Enum, Near = near, Tolerance = tolerance, Above = above, Below = below, EqualTo = equal, BitsSet = bits, MaxRatePerMinute = rate, StableFor = stable },
            duration, timeout, record, maxSeconds, r.Label, onTimeout == "continue");
    }

    private static double? EnumOrNumber(StepReader r, ParameterDefinition? parameter, JToken token)
    {
        if (token.Type is JTokenType.Integer or JTokenType.Float)
        {
            return token.Value<double>();
        }

        if (token.Type != JTokenType.String)
        {
            r.Problem(token, "equals", "wrong type: expected a number or the name of one of the parameter's values");
            return null;
        }

        string text = token.Value<string>() ?? "";
        foreach (var (raw, name) in parameter?.Enum ?? new Dictionary<string, string>())
        {
            if (name == text)
            {
                return double.Parse(raw, CultureInfo.InvariantCulture);
            }
        }

        r.Problem(token, "equals", $"'{text}' is not a value of {parameter?.Name}: {string.Join(", ", parameter?.Enum?.Values ?? [])}");
        return null;
    }
}
