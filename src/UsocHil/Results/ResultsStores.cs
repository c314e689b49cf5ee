using Serilog;
using UsocHil.Registration;

namespace UsocHil.Results;

/// <summary>
/// Opens a results store at a location: <paramref name="create"/> true to record runs into it (made if missing), false
/// to read an existing one without writing anything (list, show, verify, read a sealed run back).
/// </summary>
public delegate Task<IResultsStore> OpenResultsStore(string location, TimeProvider time, ILogger log, bool create, CancellationToken cancellationToken);

/// <summary>The results stores a station may keep its archive in, by its <c>"resultsStore"</c> (built in: sqlite).</summary>
public sealed class ResultsStores
{
    private readonly Registry<OpenResultsStore> _registry = new("results store");

    public IReadOnlyList<string> Names => _registry.Names;

    public static ResultsStores CreateDefault() => new ResultsStores().Add("sqlite", async (location, time, log, create, ct) => create
        ? await ResultsArchive.OpenAsync(location, time, log, ct).ConfigureAwait(false)
        : await ResultsArchive.OpenReadOnlyAsync(location, time, log, ct).ConfigureAwait(false));

    public ResultsStores Add(string name, OpenResultsStore open)
    {
        _registry.Add(name, open);
        return this;
    }

    public bool Contains(string name) => _registry.Contains(name);

    /// <exception cref="RegistrationException">No store of that name is registered.</exception>
    public Task<IResultsStore> OpenAsync(string name, string location, TimeProvider time, ILogger log, bool create, CancellationToken cancellationToken) =>
        _registry.Get(name)(location, time, log, create, cancellationToken);
}
