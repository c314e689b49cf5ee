namespace UsocHil.Monitor;

/// <summary>The catalogue of `run --monitor`: the one run in this process.</summary>
internal sealed class LiveRunCatalogue(RunBroadcaster broadcaster, string rig) : IRunCatalogue
{
    public const string LiveId = "live";

    public Task<IReadOnlyList<RunListing>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RunListing>>([new RunListing(LiveId, rig, "", broadcaster.State, "", true)]);

    public Task<RunBroadcaster?> FindAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(id == LiveId ? broadcaster : null);

    public ValueTask DisposeAsync() => broadcaster.DisposeAsync();
}
