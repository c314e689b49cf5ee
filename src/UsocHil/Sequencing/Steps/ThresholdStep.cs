using System.Globalization;
using Newtonsoft.Json.Linq;
using UsocHil.Description;
using UsocHil.Expectations;
using UsocHil.Sequencing.Steps.Checks;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Measures where a protection trips: raises a settable parameter (a thermocouple's calibration offset) from its value
/// as found in coarse-to-fine increments until the trip parameter's bits are set, re-arming the protection with the
/// reset command before each finer pass, and records the reading at which it tripped, held against optional bounds and
/// carrying a requirement:
/// <c>{"kind":"threshold","name":"TC1 over-temperature trip","raise":"TC1_C0","increments":[100,10,1],"maxRaise":1000,
/// "reading":"TC1_TEMP","trips":{"parameter":"FAULT_FLAGS","bitsSet":1},"reset":"CLEAR_FAULT","min":1045,"max":1055,
/// "requirement":"FUR-SAF-005"}</c>. The raised parameter is set back to its value as found however the search ends;
/// the last trip stays latched, for the steps after it to judge what the protection did. Wrap it in a
/// <c>restore</c> step to have the values read back and recorded.
/// </summary>
internal sealed class ThresholdStep(string name, string raise, IReadOnlyList<double> increments, double maxRaise, string reading, string tripParameter, int tripBits,
    string? reset, TimeSpan dwell, double? min, double? max, string? requirement, string? label) : ISequenceStep
{
    public string Kind => "threshold";

    public string Label => label ?? $"{name}: {raise} raised until {tripParameter} trips";

    /// <summary>A backstop: each setting waits for its own reports and fails on its own if they stop.</summary>
    public TimeSpan? Timeout => TimeSpan.FromHours(2);

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        double start = (await context.Rig.ReadParametersAsync([raise], cancellationToken).ConfigureAwait(false))[raise];
        var probe = new RigThresholdProbe(context, raise, reading, tripParameter, tripBits, reset, dwell);
        ThresholdSearchResult result;
        try
        {
            result = await ThresholdSearch.RunAsync(start, increments, maxRaise, probe, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                await context.Rig.SetParametersAsync(new Dictionary<string, double>(StringComparer.Ordinal) { [raise] = start }, cancellationToken).ConfigureAwait(false);
            }
        }

        string note = result.Describe(reading, raise)
            + (double.IsFinite(result.Resolution) ? string.Create(CultureInfo.InvariantCulture, $"; resolution {result.Resolution:G3}") : "")
            + string.Create(CultureInfo.InvariantCulture, $"; {raise} set back to {start:R}");
        var evidence = new Evidence([.. probe.Trials.Select(t => t.Reading)], [.. probe.Trials.Select(t => t.Tripped ? 1.0 : 0.0)]);
        JudgedResult judged = JudgedResult.Within(name, [reading], result.Threshold, context.UnitOf(reading), min, max, evidence, note) with { Requirement = requirement };
        context.Record(Measurement.Of(context.Path, judged, context.Now));
        context.Log.Information("Threshold {Name}: {Note}", name, note);
        if (result.Tripped is null || result.Clear is null)
        {
            throw new StepFailedException(context.Path, $"{name}: {result.Describe(reading, raise)}");
        }
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        ParameterDefinition? raised = r.Parameter("raise", settable: true);
        ParameterDefinition? read = r.Parameter("reading");
        double? maxRaise = r.Number("maxRaise", min: 0);
        TimeSpan dwell = r.Seconds("dwellSeconds", required: false, min: 0) ?? TimeSpan.FromSeconds(3);
        double? min = r.Number("min", required: false);
        double? max = r.Number("max", required: false);
        var increments = new List<double>();
        if (r.Array("increments") is { } array)
        {
            for (int i = 0; i < array.Count; i++)
            {
                if (array[i].Type is not (JTokenType.Integer or JTokenType.Float) || !(array[i].Value<double>() > 0))
                {
                    r.Problem(array[i], $"increments[{i}]", "an increment must be a positive number");
                }
                else if (increments.Count > 0 && !(array[i].Value<double>() < increments[^1]))
                {
                    r.Problem(array[i], $"increments[{i}]", "increments go from coarse to fine: each smaller than the one before");
                }
                else
                {
                    increments.Add(array[i].Value<double>());
                }
            }

            if (array.Count == 0)
            {
                r.Problem(array, "increments", "at least one increment");
            }
        }

        ParameterDefinition? trips = null;
        int? bits = null;
        if (r.Object("trips") is { } tripsObject)
        {
            StepReader inner = r.Inner(tripsObject, "trips");
            trips = inner.Parameter("parameter");
            bits = inner.Integer("bitsSet", min: 1);
            inner.Finish();
        }

        string? reset = r.String("reset", required: increments.Count > 1);
        if (reset is not null && !r.Context.Rig.Dictionary.Commands.Any(c => c.Name == reset))
        {
            r.Problem(r.Json["reset"], "reset", $"unknown command '{reset}' (not in {r.Context.Rig.Name}'s dictionary)");
        }

        string? requirement = r.String("requirement", required: false);
        if (requirement is not null && !RequirementCheck.Identifier().IsMatch(requirement))
        {
            r.Problem(r.Json["requirement"], "requirement", $"'{requirement}' is not a requirement identifier (upper-case words joined by '-', such as FUR-SAF-005)");
        }

        if (min is { } low && max is { } high && low > high)
        {
            r.Problem(r.Json["max"], "max", "max is below min");
        }

        return name is null || raised is null || read is null || maxRaise is null || trips is null || bits is null || r.HasProblems
            ? null
            : new ThresholdStep(name, raised.Name, increments, maxRaise.Value, read.Name, trips.Name, bits.Value, reset, dwell, min, max, requirement, r.Label);
    }
}
