using System.Text.Json;
using UsocHil.Expectations;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

/// <summary>
/// <c>results list --json</c> and <c>results show --json</c>: what the tables show, for scripts. A check with no
/// margin has <c>"margin": null</c>, never NaN (which JSON cannot carry).
/// </summary>
internal static class ResultsJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static void WriteList(IReadOnlyList<RunSummary> runs, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Indented);
        json.WriteStartArray();
        foreach (RunSummary run in runs)
        {
            WriteSummary(json, run);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void WriteRun(RunRecord run, Stream output)
    {
        using var json = new Utf8JsonWriter(output, Indented);
        WriteSummary(json, run.Summary);
        json.WriteNumber("steps", run.Steps.Count);
        json.WriteNumber("measurements", run.Measurements.Count);
        json.WriteNumber("telemetrySamples", run.Telemetry.Count);
        json.WriteNumber("events", run.Events.Count);
        json.WriteNumber("commands", run.Commands.Count);
        json.WriteStartArray("verdicts");
        foreach (MeasurementRow m in run.Verdicts)
        {
            JudgedResult x = m.Judged!;
            json.WriteStartObject();
            Number(json, "step", m.StepIndex);
            json.WriteString("expectation", x.Expectation);
            json.WriteString("message", x.Message);
            Number(json, "measured", x.Measured);
            json.WriteString("unit", x.Unit);
            Number(json, "low", x.Low);
            Number(json, "high", x.High);
            Number(json, "margin", x.Margin);
            json.WriteString("verdict", x.Verdict.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Opens the run's object and writes its summary; the caller closes it.</summary>
    private static void WriteSummary(Utf8JsonWriter json, RunSummary run)
    {
        json.WriteStartObject();
        json.WriteNumber("run", run.Id);
        json.WriteString("rig", run.Header.Rig);
        json.WriteString("unit", run.Header.UnitSerial);
        json.WriteString("sequence", run.Header.Sequence);
        json.WriteString("sequenceStatus", run.Header.SequenceStatus);
        json.WriteString("itemKind", run.Header.ItemKind);
        json.WriteString("startedRig", run.StartedRig);
        json.WriteString("startedWall", run.StartedWall);
        if (run.EndedRig is { } endedRig)
        {
            json.WriteString("endedRig", endedRig);
        }
        else
        {
            json.WriteNull("endedRig");
        }

        json.WriteString("outcome", run.Outcome.ToString().ToLowerInvariant());
        json.WriteString("operator", run.Header.Operator);
        json.WriteString("software", run.Header.SoftwareVersion);
        json.WriteString("hash", run.RecordHash);
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
