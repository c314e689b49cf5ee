namespace UsocHil.Results;

/// <summary>
/// Where a station keeps its runs, as the code that records and reads them sees it: begin a run (recorded as it
/// happens, sealed into the rig's hash chain when it ends), list and read runs, verify the chains. The SQLite
/// <see cref="ResultsArchive"/> is the built-in one (<c>"resultsStore": "sqlite"</c>).
/// </summary>
public interface IResultsStore : IAsyncDisposable
{
    /// <summary>Where the store is (a file, a URL), for messages.</summary>
    string Path { get; }

    Task<RunRecorder> BeginRunAsync(RunHeader header, TimeProvider rigTime, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken);

    Task<RunRecord> ReadRunAsync(long runId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one run for copying: <paramref name="copy"/> gets the record without its telemetry and the telemetry as a
    /// stream, read while the copy consumes it, inside one read of the store (the run does not change underneath).
    /// </summary>
    Task CopyRunAsync(long runId, Func<RunRecord, TelemetryStream, CancellationToken, Task> copy, CancellationToken cancellationToken);

    Task<ChainVerification> VerifyAsync(CancellationToken cancellationToken);
}
