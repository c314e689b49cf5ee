using UsocHil.Links;

namespace UsocHil.IntegrationTests.Contracts;

/// <summary>A link and its peer, with the ways a peer can fail: close in an orderly way, reset, or fall silent.</summary>
public sealed class LinkUnderTest(ILink link, ILink peer, Func<ValueTask> closePeer, Func<ValueTask> resetPeer, Func<ValueTask> dispose) : IAsyncDisposable
{
    public ILink Link { get; } = link;

    public ILink Peer { get; } = peer;

    public ValueTask ClosePeerAsync() => closePeer();

    /// <summary>An abortive close: TCP RST, a pty controller vanishing, an adapter unplugged.</summary>
    public ValueTask ResetPeerAsync() => resetPeer();

    public async ValueTask DisposeAsync()
    {
        await Link.DisposeAsync();
        await dispose();
    }
}
