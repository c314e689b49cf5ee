using UsocHil.Expectations;
using System.Globalization;
using UsocHil.Calibration;
using UsocHil.Rigs;
using UsocHil.Description;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Takes N readings of telemetry parameters (one per housekeeping report) and of a reference instrument at the same
/// moments, and appends their means and standard deviations as one row of a named data set:
/// <c>{"kind":"sample","name":"tc","parameters":["TC1_RAW"],"reference":"dmm","count":10}</c>. The drift of each
/// column over the window is recorded; with <c>"stability": {"maxDrift": 0.05}</c> it is held against that bound and
/// a row that drifted more is not kept: the step fails, naming the column.
/// </summary>
internal sealed class SampleStep(string name, IReadOnlyList<string> parameters, InstrumentDefinition? reference, int count, string? label,
    double? maxDrift = null) : ISequenceStep
{
    public string Kind => "sample";

    public string Label => label ?? $"{count} x {string.Join(", ", reference is null ? parameters : parameters.Append(reference.Name))}";

    public TimeSpan? Timeout => TimeSpan.FromSeconds(Math.Max(60, count * 10));

    public async Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        var readings = parameters.ToDictionary(p => p, _ => new List<double>(count), StringComparer.Ordinal);
        var referenceReadings = new List<double>(count);
        for (int i = 0; i < count; i++)
        {
            await context.Rig.Telemetry.NextUpdateAsync(cancellationToken).ConfigureAwait(false);
            foreach (string parameter in parameters)
            {
                readings[parameter].Add(context.Rig.Telemetry.TryGetLatest(parameter, out TelemetrySample s)
                    ? s.Value
                    : throw new StepFailedException(context.Path, $"no telemetry for {parameter}"));
            }

            if (reference is not null)
            {
                referenceReadings.Add(await ReadReferenceAsync(context, reference, cancellationToken).ConfigureAwait(false));
            }
        }

        var row = readings.ToDictionary(r => r.Key, r => SampleStatistics.Of(r.Value), StringComparer.Ordinal);
        if (reference is not null)
        {
            row[reference.Name] = SampleStatistics.Of(referenceReadings);
        }

        foreach (var (column, stats) in row)
        {
            context.Record(Measurement.Recorded(context.Path, $"{name}.{column}", stats.Mean, context.UnitOf(column), context.Now,
                string.Create(CultureInfo.InvariantCulture, $"mean of {stats.Count}, std dev {stats.StandardDeviation:G4}, drift {stats.Drift:G3} over the window")));
        }

        if (maxDrift is { } bound)
        {
            JudgeStability(context, row, bound);
        }

        context.Data.Samples(name).Add(row);
    }

    /// <summary>Every column's drift over the window held within ±maxDrift; the first that is not fails the step.</summary>
    private void JudgeStability(StepContext context, IReadOnlyDictionary<string, SampleStatistics> row, double bound)
    {
        string? unstable = null;
        foreach (var (column, stats) in row)
        {
            var measurement = Measurement.Within(context.Path, $"{name}.{column} drift", [column], stats.Drift, context.UnitOf(column), -bound, bound, context.Now,
                note: $"over {stats.Count} readings");
            context.Record(measurement);
            if (measurement.Verdict.IsFailing() && unstable is null)
            {
                unstable = string.Create(CultureInfo.InvariantCulture,
                    $"{column} drifted {stats.Drift:G3}{(context.UnitOf(column) is { } unit ? " " + unit : "")} over {stats.Count} readings, more than stability.maxDrift {bound:G3}; row not kept in '{name}'");
            }
        }

        if (unstable is not null)
        {
            throw new StepFailedException(context.Path, unstable);
        }
    }

    /// <summary>One reading of a reference instrument, parsed as a number.</summary>
    internal static async Task<double> ReadReferenceAsync(StepContext context, InstrumentDefinition instrument, CancellationToken cancellationToken)
    {
        string answer = await context.Rig.QueryInstrumentAsync(instrument.Name, instrument.Reference!.Query, cancellationToken).ConfigureAwait(false);
        return double.TryParse(answer.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            ? value
            : throw new StepFailedException(context.Path, $"{instrument.Name} answered '{answer}' to {instrument.Reference.Query}, not a number");
    }

    internal static InstrumentDefinition? ReadReference(StepReader r, string field, bool required = false)
    {
        string? name = r.String(field, required);
        if (name is null)
        {
            return null;
        }

        InstrumentDefinition? instrument = r.Context.Rig.Instruments.FirstOrDefault(i => i.Name == name);
        if (instrument?.Reference is null)
        {
            r.Problem(r.Json[field], field, instrument is null ? $"unknown instrument '{name}'" : $"instrument '{name}' has no reference measurement");
            return null;
        }

        return instrument;
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        IReadOnlyList<string> parameters = r.Strings("parameters") ?? [];
        for (int i = 0; i < parameters.Count; i++)
        {
            r.Parameter(r.Json["parameters"]![i]!, $"parameters[{i}]", parameters[i]);
        }

        InstrumentDefinition? reference = ReadReference(r, "reference");
        int count = r.Integer("count", required: false, min: 1, max: 10_000) ?? 10;
        double? maxDrift = null;
        if (r.Object("stability", required: false) is { } stability)
        {
            StepReader inner = r.Inner(stability, "stability");
            maxDrift = inner.Number("maxDrift", min: 0);
            inner.Finish();
        }

        if (name is not null)
        {
            if (!r.Context.DataSets.TryGetValue(name, out HashSet<string>? columns))
            {
                r.Context.DataSets[name] = columns = new HashSet<string>(StringComparer.Ordinal);
            }

            columns.UnionWith(parameters);
            if (reference is not null)
            {
                columns.Add(reference.Name);
            }
        }

        return name is null ? null : new SampleStep(name, parameters, reference, count, r.Label, maxDrift);
    }
}
