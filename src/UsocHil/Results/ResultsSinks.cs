using Serilog;
using UsocHil.Registration;

namespace UsocHil.Results;

/// <summary>The results sinks of a station, by name: every registered sink receives every sealed run.</summary>
public sealed class ResultsSinks
{
    private readonly Registry<IResultsSink> _registry = new("results sink");

    public IReadOnlyList<string> Names => _registry.Names;

    public ResultsSinks Add(string name, IResultsSink sink)
    {
        _registry.Add(name, sink);
        return this;
    }

    /// <summary>Hands the run to each sink in turn; a sink's failure is logged, and the others still receive it.</summary>
    public async Task WriteAsync(SealedRun run, ILogger log, CancellationToken cancellationToken)
    {
        foreach (string name in _registry.Names)
        {
            try
            {
                await _registry.Get(name).WriteAsync(run, cancellationToken).ConfigureAwait(false);
                log.Information("Run {RunId} written to results sink {Sink}", run.RunId, name);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.Warning(e, "Results sink {Sink} failed for run {RunId}; the archive holds the run", name, run.RunId);
            }
        }
    }
}
