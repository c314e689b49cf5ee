using UsocHil.Uncertainty;
using Newtonsoft.Json.Linq;
using UsocHil.Expectations;
using UsocHil.Sequencing.Steps.Checks;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Evaluates expectations and records each verdict with its margin. A failing verdict does not stop the run unless
/// <c>"stopOnFail": true</c>; the run then ends with a failed verdict. Checks: agreement, consistency,
/// housekeeping-rate, dynamics, value, robustness, disturbance.
/// </summary>
internal sealed class VerifyStep(IReadOnlyList<IVerifyCheck> checks, bool stopOnFail, string? label) : ISequenceStep
{
    public string Kind => "verify";

    public string Label => label ?? string.Join("; ", checks.Select(c => c.Label));

    public TimeSpan? Timeout => TimeSpan.FromMinutes(30);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var failed = new List<string>();
        foreach (IVerifyCheck check in checks)
        {
            foreach (JudgedResult result in await check.EvaluateAsync(context, cancellationToken).ConfigureAwait(false))
            {
                var measurement = Measurement.Of(context.Path, result, context.Now);
                context.Record(measurement);
                context.Log.Information("Verdict {Verdict} for {Measurement} = {Value:G6} {Unit} ({Expectation}, margin {Margin})",
                    measurement.Verdict, measurement.Name, measurement.Value, measurement.Unit ?? "", measurement.Expectation, measurement.Margin?.ToString("G3", System.Globalization.CultureInfo.InvariantCulture) ?? "none");
                if (measurement.Verdict.IsFailing())
                {
                    failed.Add($"{measurement.Name}: {measurement.Expectation}");
                }
            }
        }

        if (stopOnFail && failed.Count > 0)
        {
            throw new StepFailedException(context.Path, "expectation failed: " + string.Join("; ", failed));
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        bool stopOnFail = r.Bool("stopOnFail") ?? false;
        JArray? array = r.Array("checks");
        var checks = new List<IVerifyCheck>();
        for (int i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i] is not JObject obj)
            {
                r.Problem(array[i], $"checks[{i}]", "wrong type: expected a check object");
                continue;
            }

            StepReader inner = r.Inner(obj, $"checks[{i}]");
            if (ReadCheck(inner) is { } check && !inner.HasProblems)
            {
                checks.Add(check);
            }

            inner.Finish();
        }

        if (array is { Count: 0 })
        {
            r.Problem(array, "checks", "a verify step needs at least one check");
        }

        return new VerifyStep(checks, stopOnFail, r.Label);
    }

    private static IVerifyCheck? ReadCheck(StepReader r)
    {
        string? kind = r.String("check");
        if (kind is null)
        {
            return null;
        }

        CheckKinds known = r.Context.Kinds.Checks;
        if (!known.TryGet(kind, out Func<StepReader, IVerifyCheck?> read))
        {
            r.Problem(r.Json["check"], "check", $"unknown check '{kind}'; known: {string.Join(", ", known.Names)}");
            return null;
        }

        return RequirementCheck.Read(r, read(r));
    }

    internal static IVerifyCheck? ReadAgreement(StepReader r)
    {
        IReadOnlyList<string> parameters = r.Strings("parameters") ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i]);
        }

        InstrumentDefinition? reference = SampleStep.ReadReference(r, "reference", required: true);
        double? within = r.Number("within", min: 0);
        int count = r.Integer("count", required: false, min: 1, max: 10_000) ?? 10;
        DecisionRule? decision = r.ReadDecision();
        DeclaredBudget declared = r.ReadBudget();
        return reference is null || within is null ? null : new AgreementCheck(parameters, reference, within.Value, count, decision, declared);
    }

    internal static IVerifyCheck? ReadConsistency(StepReader r)
    {
        RigDefinition rig = r.Context.Rig;
        string? name = r.String("expectation");
        TimeSpan window = r.Seconds("seconds") ?? TimeSpan.FromSeconds(30);
        ConsistencyExpectation? expectation = rig.Expectations?.Consistency.FirstOrDefault(c => c.Name == name);
        if (name is not null && expectation is null)
        {
            r.Problem(r.Json["expectation"], "expectation", $"rig {rig.Name} declares no consistency expectation '{name}'");
        }

        return expectation is null ? null : new ConsistencyCheck(expectation, window);
    }

    internal static IVerifyCheck? ReadHousekeepingRate(StepReader r)
    {
        RigDefinition rig = r.Context.Rig;
        TimeSpan window = r.Seconds("seconds") ?? TimeSpan.FromSeconds(30);
        if (rig.Expectations?.Housekeeping is not { } expectation)
        {
            r.Problem(null, "", $"rig {rig.Name} declares no housekeeping expectation");
            return null;
        }

        return new HousekeepingRateCheck(expectation, window);
    }

    internal static IVerifyCheck? ReadDynamics(StepReader r)
    {
        RigDefinition rig = r.Context.Rig;
        string? since = r.String("since");
        ValueExpression? target = r.Value("target");
        double? maxSettling = r.Number("maxSettlingSeconds", required: false, min: 0);
        if (since is not null && !r.Context.Marks.Contains(since))
        {
            r.Problem(r.Json["since"], "since", $"no mark step before this one is named '{since}'");
        }

        if (rig.Expectations?.Dynamics is not { } dynamics)
        {
            r.Problem(null, "", $"rig {rig.Name} declares no dynamics expectation");
            return null;
        }

        return since is null || target is null ? null : new DynamicsCheck(dynamics, since, target, maxSettling);
    }

    internal static IVerifyCheck? ReadValue(StepReader r)
    {
        var parameter = r.Parameter("parameter");
        ValueExpression? min = r.Value("min", required: false);
        ValueExpression? max = r.Value("max", required: false);
        int? bits = r.Integer("bitsSet", required: false, min: 1);
        if (min is null && max is null && bits is null && !r.HasProblems)
        {
            r.Problem(null, "", "a value check needs min, max or bitsSet");
        }

        return parameter is null ? null : new ValueCheck(parameter.Name, min, max, bits);
    }
}
