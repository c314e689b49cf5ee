namespace UsocHil.Results;

/// <summary>
/// An extra place a run's results go once the archive has sealed it (a laboratory database, a message bus, a file
/// share). The archive stays the record; a sink that fails is logged and does not change the run's outcome.
/// </summary>
public interface IResultsSink
{
    Task WriteAsync(SealedRun run, CancellationToken cancellationToken);
}
