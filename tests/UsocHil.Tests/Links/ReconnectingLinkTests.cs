using Serilog;
using UsocHil.Links;
using UsocHil.Links.InMemory;

namespace UsocHil.Tests.Links;

public sealed class ReconnectingLinkTests
{
    private static ILogger Silent => Serilog.Core.Logger.None;
    private static readonly ReconnectOptions Fast = new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(2) };

    [Test]
    [CancelAfter(5_000)]
    public async Task ReadAsync_PeerClosesThenComesBack_ReadsFromNewConnectionAndCountsReconnect(CancellationToken cancellationToken)
    {
        var peers = new Queue<InMemoryLink>();
        await using var link = new ReconnectingLink(new LinkInfo("payload", "tcp", "memory"), _ =>
        {
            (InMemoryLink harness, InMemoryLink peer) = InMemoryLink.CreatePair();
            peers.Enqueue(peer);
            return ValueTask.FromResult<ILink>(harness);
        }, Fast, TimeProvider.System, Silent);
        await link.ConnectAsync(cancellationToken);
        InMemoryLink first = peers.Dequeue();
        await first.DisposeAsync();

        ValueTask<int> reading = link.ReadAsync(new byte[8], cancellationToken);
        while (peers.Count == 0)
        {
            await Task.Yield();
        }

        await peers.Dequeue().WriteAsync("ok"u8.ToArray(), cancellationToken);

        Assert.That(await reading, Is.EqualTo(2));
        Assert.That(link.Statistics.Reconnects, Is.EqualTo(1));
        Assert.That(link.Statistics.BytesIn, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ConnectAsync_EveryAttemptFails_ThrowsLastLinkExceptionAfterMaxAttempts(CancellationToken cancellationToken)
    {
        int attempts = 0;
        await using var link = new ReconnectingLink(new LinkInfo("payload", "tcp", "127.0.0.1:9"), _ =>
        {
            attempts++;
            throw new LinkClosedException("127.0.0.1:9", "refused");
        }, Fast, TimeProvider.System, Silent);

        Assert.That(async () => await link.ConnectAsync(cancellationToken), Throws.InstanceOf<LinkClosedException>());
        Assert.That(attempts, Is.EqualTo(3));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task WriteAsync_LinkBroken_ReconnectsAndDeliversToNewPeer(CancellationToken cancellationToken)
    {
        var peers = new List<InMemoryLink>();
        await using var link = new ReconnectingLink(new LinkInfo("payload", "tcp", "memory"), _ =>
        {
            (InMemoryLink harness, InMemoryLink peer) = InMemoryLink.CreatePair();
            peers.Add(peer);
            return ValueTask.FromResult<ILink>(harness);
        }, Fast, TimeProvider.System, Silent);
        await link.ConnectAsync(cancellationToken);
        await peers[0].DisposeAsync();

        await link.WriteAsync("cmd"u8.ToArray(), cancellationToken);
        byte[] buffer = new byte[8];
        int count = await peers[1].ReadAsync(buffer, cancellationToken);

        Assert.That(buffer[..count], Is.EqualTo("cmd"u8.ToArray()));
        Assert.That(link.Statistics.Reconnects, Is.EqualTo(1));
    }

    [TestCase(1.0, 3.0)]
    [TestCase(400.0, 1200.0)]
    public void TransportTime_OnVirtualClock_KeepsWallDuration(double scale, double expectedSeconds)
    {
        var clock = new UsocHil.Time.VirtualTimeProvider(TimeProvider.System, scale);
        Assert.That(TransportTime.OnClock(clock, TimeSpan.FromSeconds(3)).TotalSeconds, Is.EqualTo(expectedSeconds).Within(1e-9));
        Assert.That(TransportTime.OnClock(TimeProvider.System, TimeSpan.FromSeconds(3)), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReadAsync_PeerAcceptsAndClosesEveryTime_BacksOffAndReportsClosedAfterMaxAttempts(CancellationToken cancellationToken)
    {
        int connections = 0;
        await using var link = new ReconnectingLink(new LinkInfo("payload", "tcp", "memory"), async _ =>
        {
            connections++;
            (InMemoryLink harness, InMemoryLink peer) = InMemoryLink.CreatePair();
            await peer.DisposeAsync();
            return harness;
        }, Fast, TimeProvider.System, Silent);

        var error = await Assert.ThrowsAsync<LinkClosedException>(async () => await link.ReadAsync(new byte[8], cancellationToken));

        Assert.That(error!.Message, Does.Contain("closed 3 connections in a row without sending anything"));
        Assert.That(connections, Is.EqualTo(Fast.MaxAttempts));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReadAsync_PeerThatSentDataCloses_StartsAFreshCountOfEmptyConnections(CancellationToken cancellationToken)
    {
        var peers = new Queue<InMemoryLink>();
        int connections = 0;
        await using var link = new ReconnectingLink(new LinkInfo("payload", "tcp", "memory"), _ =>
        {
            connections++;
            (InMemoryLink harness, InMemoryLink peer) = InMemoryLink.CreatePair();
            peers.Enqueue(peer);
            return ValueTask.FromResult<ILink>(harness);
        }, Fast, TimeProvider.System, Silent);
        await link.ConnectAsync(cancellationToken);
        InMemoryLink first = peers.Dequeue();
        await first.WriteAsync("hk"u8.ToArray(), cancellationToken);
        Assert.That(await link.ReadAsync(new byte[8], cancellationToken), Is.EqualTo(2));
        await first.DisposeAsync();

        ValueTask<int> reading = link.ReadAsync(new byte[8], cancellationToken);
        while (peers.Count == 0)
        {
            await Task.Yield();
        }

        await peers.Dequeue().WriteAsync("ok"u8.ToArray(), cancellationToken);

        Assert.That(await reading, Is.EqualTo(2), "a connection that had delivered data is not counted as a refusal");
        Assert.That(connections, Is.EqualTo(2));
    }
}
