using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Links.InMemory;
using UsocHil.Rigs;
using UsocHil.Tests.Rigs.Fakes;

namespace UsocHil.Tests.Rigs;

public sealed class PayloadConnectionTests
{
    private readonly FakeTimeProvider _time = new();

    private PayloadConnection NewConnection(FakePayloadChannel first, params FakePayloadChannel[] next)
    {
        var queue = new Queue<FakePayloadChannel>(next);
        return new PayloadConnection("toy-rig", first, _ => Task.FromResult<IPayloadChannel>(queue.Dequeue()), _time, Logger.None);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReopenAsync_AfterALoss_ClosesTheLostChannelAndSendsTheHeartbeatOnTheNewOne(CancellationToken cancellationToken)
    {
        var first = new FakePayloadChannel("first");
        var second = new FakePayloadChannel("second");
        await using PayloadConnection connection = NewConnection(first, second);
        first.Break(new LinkClosedException("tcp:1", "peer closed"));

        await connection.ReopenAsync("PING", cancellationToken);

        Assert.That(connection.Current, Is.SameAs(second));
        Assert.That(first.Disposals, Is.EqualTo(1));
        Assert.That(second.Sent, Is.EqualTo(new[] { "PING" }), "alive means it answers a command");
        Assert.That(connection.LostWith, Is.Null);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReopenAsync_Done_EventsAndCommandsFollowTheNewChannelOnly(CancellationToken cancellationToken)
    {
        var first = new FakePayloadChannel("first");
        var second = new FakePayloadChannel("second");
        await using PayloadConnection connection = NewConnection(first, second);
        var heard = new List<string>();
        connection.DeviceEvent += (name, _) => heard.Add(name);
        connection.Housekeeping += samples => heard.Add(samples[0].Parameter);
        connection.Lost += error => heard.Add(error.Message);

        await connection.ReopenAsync(null, cancellationToken);
        first.Raise("OLD_EVENT", _time.GetUtcNow());
        first.Break(new LinkClosedException("tcp:1", "old link"));
        second.Raise("NEW_EVENT", _time.GetUtcNow());
        second.Report(_time.GetUtcNow(), ("T", 1));
        await connection.SendAsync("GO", new Dictionary<string, double>(), cancellationToken);

        Assert.That(heard, Is.EqualTo(new[] { "NEW_EVENT", "T" }));
        Assert.That(first.HasListeners, Is.False);
        Assert.That(second.Sent, Is.EqualTo(new[] { "GO" }));
        Assert.That(first.Sent, Is.Empty);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReopenAsync_NewChannelBrokenStraightAway_ThrowsLinkClosed(CancellationToken cancellationToken)
    {
        var second = new FakePayloadChannel("second");
        second.OnSend = (_, _) =>
        {
            second.Break(new LinkClosedException("tcp:1", "reset by peer"));
            return Task.CompletedTask;
        };
        await using PayloadConnection connection = NewConnection(new FakePayloadChannel("first"), second);

        var error = await Assert.ThrowsAsync<LinkClosedException>(() => connection.ReopenAsync("PING", cancellationToken));

        Assert.That(error!.Message, Does.Contain("broke again straight after reconnecting"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReopenAsync_BindingCannotBeReopened_ThrowsLinkException(CancellationToken cancellationToken)
    {
        var first = new FakePayloadChannel();
        await using var connection = new PayloadConnection("toy-rig", first, null, _time, Logger.None);

        Assert.That(connection.CanReopen, Is.False);
        var error = await Assert.ThrowsAsync<LinkException>(() => connection.ReopenAsync("PING", cancellationToken));
        Assert.That(error!.Message, Does.Contain("cannot be reopened"));
        Assert.That(first.Disposals, Is.Zero, "nothing was closed for nothing");
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task DisposeAsync_AfterAFailedReopen_DoesNotCloseTheLostChannelTwice(CancellationToken cancellationToken)
    {
        var first = new FakePayloadChannel();
        var connection = new PayloadConnection("toy-rig", first, _ => throw new LinkClosedException("tcp:1", "refused"), _time, Logger.None);

        await Assert.ThrowsAsync<LinkClosedException>(() => connection.ReopenAsync("PING", cancellationToken));
        await connection.DisposeAsync();

        Assert.That(first.Disposals, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task DisposeAsync_Open_ClosesTheCurrentChannelAndStopsListening(CancellationToken cancellationToken)
    {
        var first = new FakePayloadChannel();
        var connection = NewConnection(first);
        connection.Lost += _ => { };

        await connection.DisposeAsync();

        Assert.That(first.Disposals, Is.EqualTo(1));
        Assert.That(first.HasListeners, Is.False);
    }

    [Test]
    public async Task SendRawPacketAsync_ChannelWithoutARawPath_ThrowsNotSupported()
    {
        var connection = NewConnection(new FakePayloadChannel());

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => connection.SendRawPacketAsync(new byte[] { 0x18, 0x64 }, CancellationToken.None));

        Assert.That(error!.Message, Does.Contain("toy-rig: this rig session has no raw packet path"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task SendRawPacketAsync_AfterReopen_GoesOutOnTheNewLink(CancellationToken cancellationToken)
    {
        var (oldLink, oldPeer) = InMemoryLink.CreatePair("old");
        var (newLink, newPeer) = InMemoryLink.CreatePair("new");
        await using (oldPeer)
        await using (newPeer)
        {
            var first = new RawPacketChannel(new FakePayloadChannel("first"), new RawPacketPort(oldLink, new LengthDelimitedFramer()));
            var second = new RawPacketChannel(new FakePayloadChannel("second"), new RawPacketPort(newLink, new LengthDelimitedFramer()));
            var connection = new PayloadConnection("toy-rig", first, _ => Task.FromResult<IPayloadChannel>(second), _time, Logger.None);
            byte[] packet = [0x18, 0x64, 0xC0, 0x00, 0x00, 0x01, 0xAA, 0xBB];

            await connection.ReopenAsync(null, cancellationToken);
            await connection.SendRawPacketAsync(packet, cancellationToken);

            byte[] received = new byte[packet.Length];
            int read = 0;
            while (read < packet.Length)
            {
                read += await newPeer.ReadAsync(received.AsMemory(read), cancellationToken);
            }

            Assert.That(received, Is.EqualTo(packet));
            await connection.DisposeAsync();
            await newLink.DisposeAsync();
            await oldLink.DisposeAsync();
        }
    }
}
