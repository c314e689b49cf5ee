using UsocHil.Links;
using UsocHil.IntegrationTests.Links;

namespace UsocHil.IntegrationTests.Contracts;

/// <summary>
/// What every <see cref="ILink"/> must do, simulated or real: bytes both ways, a silent peer ends in the caller's
/// cancellation, a closed or reset peer ends a pending read with 0 or a <see cref="LinkClosedException"/>, writes to a
/// gone peer fail typed, and nothing hangs.
/// </summary>
public abstract class LinkContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(3);

    protected abstract ValueTask<LinkUnderTest> CreateAsync(CancellationToken cancellationToken);

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadWrite_BothWays_BytesArriveUnchanged(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        byte[] command = [0x18, 0x64, 0xc0, 0x00, 0x00, 0x0d, 0x0a, 0x11, 0x13, 0xff];

        await pair.Link.WriteAsync(command, cancellationToken);
        byte[] atPeer = await PtyPairTests.ReadExactlyAsync(pair.Peer, command.Length, cancellationToken);
        await pair.Peer.WriteAsync(atPeer.Reverse().ToArray(), cancellationToken);
        byte[] answer = await PtyPairTests.ReadExactlyAsync(pair.Link, command.Length, cancellationToken);

        Assert.That(atPeer, Is.EqualTo(command));
        Assert.That(answer, Is.EqualTo(command.Reverse().ToArray()));
        Assert.That(pair.Link.Statistics.BytesOut, Is.EqualTo(command.Length));
        Assert.That(pair.Link.Statistics.BytesIn, Is.EqualTo(command.Length));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PeerStopsAnswering_EndsByTokenAndLinkStaysUsable(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        await pair.Link.WriteAsync("REQ"u8.ToArray(), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(150));

        Assert.That(async () => await pair.Link.ReadAsync(new byte[16], timeout.Token), Throws.InstanceOf<OperationCanceledException>());

        await pair.Peer.WriteAsync("late"u8.ToArray(), cancellationToken);
        Assert.That(await PtyPairTests.ReadExactlyAsync(pair.Link, 4, cancellationToken), Is.EqualTo("late"u8.ToArray()));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PeerClosesMidExchange_EndsWithinTimeout(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        await pair.Peer.WriteAsync("HALF"u8.ToArray(), cancellationToken);
        _ = await PtyPairTests.ReadExactlyAsync(pair.Link, 4, cancellationToken);
        ValueTask<int> pending = pair.Link.ReadAsync(new byte[16], cancellationToken);

        await pair.ClosePeerAsync();

        await AssertEndsAsync(pending, pair.Link);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task ReadAsync_PeerResets_EndsWithinTimeout(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        ValueTask<int> pending = pair.Link.ReadAsync(new byte[16], cancellationToken);

        await pair.ResetPeerAsync();

        await AssertEndsAsync(pending, pair.Link);
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task WriteAsync_PeerGone_ThrowsLinkClosedExceptionWithEndpoint(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        await pair.ResetPeerAsync();

        // A socket may accept the first writes into its buffer before the reset is known: keep writing until it fails.
        LinkClosedException? failure = null;
        for (int i = 0; i < 1000 && failure is null; i++)
        {
            try
            {
                await pair.Link.WriteAsync(new byte[64], cancellationToken);
                await Task.Yield();
            }
            catch (LinkClosedException e)
            {
                failure = e;
            }
        }

        Assert.That(failure, Is.Not.Null);
        Assert.That(failure!.Endpoint, Is.EqualTo(pair.Link.Info.Endpoint));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task DisposeAsync_WhileReadPending_ReadEndsAndDisposeReturns(CancellationToken cancellationToken)
    {
        await using LinkUnderTest pair = await CreateAsync(cancellationToken);
        ValueTask<int> pending = pair.Link.ReadAsync(new byte[16], cancellationToken);

        await pair.Link.DisposeAsync().AsTask().WaitAsync(Patience, cancellationToken);
        await pair.Link.DisposeAsync();

        await AssertEndsAsync(pending, pair.Link);
        Assert.That(async () => await pair.Link.ReadAsync(new byte[1], cancellationToken), Throws.InstanceOf<ObjectDisposedException>());
    }

    private static async Task AssertEndsAsync(ValueTask<int> pending, ILink link)
    {
        Task<int> read = pending.AsTask();
        Task finished = await Task.WhenAny(read, Task.Delay(Patience));
        Assert.That(finished, Is.SameAs(read), $"{link.Info}: the read did not end within {Patience}");
        try
        {
            Assert.That(await read, Is.Zero);
        }
        catch (LinkException e)
        {
            Assert.That(e.Endpoint, Is.EqualTo(link.Info.Endpoint));
        }
    }
}
