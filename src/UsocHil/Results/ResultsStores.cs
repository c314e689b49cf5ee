using Serilog;
using UsocHil.Registration;

namespace UsocHil.Results;

/// <summary>
/// Opens a results store at a location: <paramref name="create"/> true to record runs into it (made if missing), false
/// to read an existing one without writing anything (list, show, verify, read a sealed run back).
/// </summary>
public delegate Task<IResultsStore> OpenResultsStore(string location, TimeProvider time, ILogger log, bool create, CancellationToken cancellationToken);

/// <summary>
/// The results stores a station may keep its archive in, by its <c>"resultsStore"</c> (built in: sqlite), and the stores
/// a location may name (the central PostgreSQL archive claims <c>postgres://</c>).
/// </summary>
public sealed class ResultsStores
{
    private readonly Registry<OpenResultsStore> _registry = new("results store");
    private readonly List<(string Name, Func<string, bool> Claims)> _locations = [];

    public IReadOnlyList<string> Names => _registry.Names;

    public static ResultsStores CreateDefault() => new ResultsStores().Add("sqlite", async (location, time, log, create, ct) => create
        ? await ResultsArchive.OpenAsync(location, time, log, ct).ConfigureAwait(false)
        : await ResultsArchive.OpenReadOnlyAsync(location, time, log, ct).ConfigureAwait(false));

    /// <param name="claims">Recognises a location only this store can open (a URL scheme), so <c>--results</c> may name it directly.</param>
    public ResultsStores Add(string name, OpenResultsStore open, Func<string, bool>? claims = null)
    {
        _registry.Add(name, open);
        if (claims is not null)
        {
            _locations.Add((name, claims));
        }

        return this;
    }

    /// <summary>The store a location belongs to: the one that claims it, else <paramref name="otherwise"/> (a station's file).</summary>
    public string NameFor(string location, string otherwise = "sqlite") =>
        _locations.FirstOrDefault(l => l.Claims(location)).Name ?? otherwise;

    public bool Contains(string name) => _registry.Contains(name);

    /// <exception cref="RegistrationException">No store of that name is registered.</exception>
    public Task<IResultsStore> OpenAsync(string name, string location, TimeProvider time, ILogger log, bool create, CancellationToken cancellationToken) =>
        _registry.Get(name)(location, time, log, create, cancellationToken);
}
