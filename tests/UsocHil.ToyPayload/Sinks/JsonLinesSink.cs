using System.Text.Json;
using UsocHil.Results;

namespace UsocHil.ToyPayload.Sinks;

/// <summary>Appends one JSON line per sealed run to <c>toy-results.jsonl</c> beside the station file.</summary>
public sealed class JsonLinesSink : IResultsSink
{
    public const string FileName = "toy-results.jsonl";

    public async Task WriteAsync(SealedRun run, CancellationToken cancellationToken)
    {
        string line = JsonSerializer.Serialize(new
        {
            runId = run.RunId,
            rig = run.Rig,
            sequence = run.Sequence,
            outcome = run.Result.Outcome.ToString(),
            recordHash = run.RecordHash,
            verdicts = run.Result.Measurements.Select(m => new { name = m.Name, value = m.Value, verdict = m.Verdict.ToString() }),
        });
        await File.AppendAllTextAsync(Path.Combine(run.StationDirectory, FileName), line + "\n", cancellationToken).ConfigureAwait(false);
    }
}
