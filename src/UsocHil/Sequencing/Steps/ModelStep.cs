using Newtonsoft.Json.Linq;
using UsocHil.Control;
using UsocHil.Expectations;

namespace UsocHil.Sequencing.Steps;

/// <summary>
/// Identifies a process model from a step already recorded: the input parameter's step at a mark and the output's
/// response over the following seconds, fitted as first order plus dead time (<c>"lags": 1</c>) or with a second lag
/// (<c>"lags": 2</c>); the model is kept under its name for robustness checks, and its gain, time constants, dead time
/// and fit residual are recorded, judged where the step gives bounds:
/// <c>{"kind":"model","name":"plant","input":"DRIVE","output":"RESPONSE","since":"step","seconds":600}</c>.
/// </summary>
internal sealed class ModelStep(string name, string input, string output, string since, double beforeSeconds, double seconds, int lags,
    IReadOnlyDictionary<string, (double Low, double High)> bounds, string? label) : ISequenceStep
{
    internal static readonly string[] Figures = ["gain", "timeConstantSeconds", "lagSeconds", "deadTimeSeconds", "residual"];

    public string Kind => "model";

    public string Label => label ?? $"{(lags == 1 ? "first order plus dead time" : "two lags plus dead time")} '{name}' from {input} to {output} since {since}";

    public TimeSpan? Timeout => TimeSpan.FromMinutes(1);

    public Task ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        if (!context.Data.TryGetMark(since, out DateTimeOffset mark))
        {
            throw new StepFailedException(context.Path, $"mark '{since}' was never reached");
        }

        double recorded = (context.Now - mark).TotalSeconds;
        if (recorded < seconds * 0.95)
        {
            throw new StepFailedException(context.Path, $"only {recorded:F0} s recorded since mark '{since}', the model needs {seconds:G4} s");
        }

        Sample[] u = Window(context, input, mark);
        Sample[] y = Window(context, output, mark);
        double before = Mean(u.Where(s => s.Seconds < 0));
        Sample[] after = u.Where(s => s.Seconds >= seconds / 2).ToArray();
        double level = Mean(after);
        double step = level - before;
        if (double.IsNaN(step) || !y.Any(s => s.Seconds < 0))
        {
            throw new StepFailedException(context.Path, $"no {input} and {output} record from {beforeSeconds:G4} s before mark '{since}' to {seconds:G4} s after it");
        }

        // Housekeeping shows the step one report late at worst: take the middle of the gap it fell in.
        int first = Array.FindIndex(u, s => s.Seconds >= 0 && Math.Abs(s.Value - before) > Math.Abs(step) / 2);
        if (first < 0 || Math.Abs(step) < 1e-9 * Math.Max(1, Math.Abs(before)))
        {
            throw new StepFailedException(context.Path, $"{input} shows no step after mark '{since}' (from {before:G5} to {level:G5})");
        }

        double stepSeconds = (Math.Max(0, first > 0 ? u[first - 1].Seconds : 0) + u[first].Seconds) / 2;
        StepFit fit;
        try
        {
            fit = StepFit.Fit(y, stepSeconds, step, lags);
        }
        catch (ArgumentException ex)
        {
            throw new StepFailedException(context.Path, $"model '{name}': {ex.Message}");
        }

        context.Data.SetModel(name, fit);
        context.Log.Information("Model {Model}: K {Gain:G4}, T {TimeConstant:G4} s, T2 {Lag:G4} s, L {DeadTime:G4} s, residual {Residual:G3} over {Count} samples, input step {Step:G4} at {StepSeconds:G4} s",
            name, fit.Model.Gain, fit.Model.TimeConstantSeconds, fit.Model.LagSeconds, fit.Model.DeadTimeSeconds, fit.ResidualRms, fit.Count, step, stepSeconds);

        string? inputUnit = context.UnitOf(input), outputUnit = context.UnitOf(output);
        string note = $"{input} step {before:G5} -> {level:G5} {inputUnit} at {stepSeconds:F1} s after mark '{since}', {fit.Count} samples of {output}";
        ProcessModel se = fit.StandardErrors;
        Record(context, "gain", "gain K", fit.Model.Gain, $"{outputUnit}/{inputUnit}", WithError(note, se.Gain), y);
        Record(context, "timeConstantSeconds", "time constant T", fit.Model.TimeConstantSeconds, "s", WithError(note, se.TimeConstantSeconds), y);
        if (lags == 2)
        {
            Record(context, "lagSeconds", "second lag T2", fit.Model.LagSeconds, "s", WithError(note, se.LagSeconds), y);
        }

        Record(context, "deadTimeSeconds", "dead time L", fit.Model.DeadTimeSeconds, "s", WithError(note, se.DeadTimeSeconds), y);
        Record(context, "residual", "fit residual (rms)", fit.ResidualRms, outputUnit, note, y);
        return Task.CompletedTask;
    }

    private static string WithError(string note, double standardError) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"standard error {standardError:G3}; {note}");

    private void Record(StepContext context, string figure, string words, double value, string? unit, string note, IReadOnlyList<Sample> evidence)
    {
        string measurement = $"{name} {words}";
        JudgedResult result = bounds.TryGetValue(figure, out var bound)
            ? JudgedResult.Within(measurement, [input, output], value, unit, bound.Low, bound.High, Evidence.From(evidence), note)
            : JudgedResult.Recorded(measurement, value, unit, note) with { Parameters = [input, output] };
        context.Record(Measurement.Of(context.Path, result, context.Now));
    }

    private Sample[] Window(StepContext context, string parameter, DateTimeOffset mark) =>
        context.Rig.Telemetry.History(parameter, mark.AddSeconds(-beforeSeconds))
            .Where(s => s.RigTime <= mark.AddSeconds(seconds))
            .Select(s => new Sample((s.RigTime - mark).TotalSeconds, s.Value))
            .ToArray();

    private static double Mean(IEnumerable<Sample> samples)
    {
        double sum = 0;
        int n = 0;
        foreach (Sample s in samples)
        {
            sum += s.Value;
            n++;
        }

        return n == 0 ? double.NaN : sum / n;
    }

    public static ISequenceStep? Read(StepReader r)
    {
        string? name = r.String("name");
        var input = r.Parameter("input");
        var output = r.Parameter("output");
        string? since = r.String("since");
        double before = r.Number("beforeSeconds", required: false, min: 1) ?? 60;
        double? seconds = r.Number("seconds", min: 1);
        int lags = r.Integer("lags", required: false, min: 1, max: 2) ?? 1;
        if (since is not null && !r.Context.Marks.Contains(since))
        {
            r.Problem(r.Json["since"], "since", $"no mark step before this one is named '{since}'");
        }

        var bounds = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        if (r.Object("bounds", required: false) is { } bound)
        {
            foreach (JProperty property in bound.Properties())
            {
                if (!Figures.Contains(property.Name))
                {
                    r.Problem(property, $"bounds.{property.Name}", $"unknown figure '{property.Name}'; known: {string.Join(", ", Figures)}");
                }
                else if (property.Value is JArray { Count: 2 } pair && pair.All(v => v.Type is JTokenType.Integer or JTokenType.Float) && pair[0].Value<double>() <= pair[1].Value<double>())
                {
                    bounds[property.Name] = (pair[0].Value<double>(), pair[1].Value<double>());
                }
                else
                {
                    r.Problem(property.Value, $"bounds.{property.Name}", "wrong type: expected [min, max], two numbers with min <= max");
                }
            }
        }

        if (name is not null)
        {
            r.Context.Models.Add(name);
        }

        return name is null || input is null || output is null || since is null || seconds is null
            ? null
            : new ModelStep(name, input.Name, output.Name, since, before, seconds.Value, lags, bounds, r.Label);
    }
}
