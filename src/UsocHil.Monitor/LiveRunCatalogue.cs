namespace UsocHil.Monitor;

/// <summary>The catalogue of `run --monitor`: the one run in this process.</summary>
internal sealed class LiveRunCatalogue(RunBroadcaster broadcaster, string rig) : IRunCatalogue
{
    public const string LiveId = "live";

    public IReadOnlyList<RunListing> List() => [new RunListing(LiveId, rig, "", broadcaster.State, "", true)];

    public RunBroadcaster? Find(string id) => id == LiveId ? broadcaster : null;

    public ValueTask DisposeAsync() => broadcaster.DisposeAsync();
}
