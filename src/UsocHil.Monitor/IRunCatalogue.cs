namespace UsocHil.Monitor;

/// <summary>The runs a monitor can show: the one live run of `run --monitor`, or the archive's runs for `monitor`.</summary>
internal interface IRunCatalogue : IAsyncDisposable
{
    Task<IReadOnlyList<RunListing>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The broadcaster of a run, created (and for an archived run, filled) on first use; null if unknown.</summary>
    Task<RunBroadcaster?> FindAsync(string id, CancellationToken cancellationToken);
}

/// <summary>One line of the page's run list.</summary>
internal sealed record RunListing(string Id, string Rig, string Sequence, string Outcome, string Started, bool Live);
