using System.Collections.Concurrent;
using Serilog.Core;
using UsocHil.Description;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Tests.Rigs.Fakes;

namespace UsocHil.Tests.Rigs;

/// <summary>The rig session put together from its parts, over an in-memory payload channel, lines and instruments.</summary>
public sealed class RigSessionTests
{
    private static readonly SessionDefinition Words = new()
    {
        Heartbeat = new HeartbeatDefinition { Command = "PING", IntervalSeconds = 5 },
        BootEvent = "BOOTED",
        SilenceSeconds = 15,
    };

    private SteppingClock _clock = null!;
    private FakePayloadChannel _first = null!;
    private FakePayloadChannel _second = null!;
    private FakeRigParts _parts = null!;
    private ConcurrentQueue<RigAlarm> _alarms = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new SteppingClock();
        _first = new FakePayloadChannel("first");
        _second = new FakePayloadChannel("second");
        _parts = new FakeRigParts();
        _alarms = new ConcurrentQueue<RigAlarm>();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        await _parts.DisposeAsync();
    }

    private static RigDefinition Rig(SessionDefinition words) => new()
    {
        Name = "toy-rig",
        Apid = 1,
        Dictionary = new RigDictionary(),
        Limits = [new LimitDefinition { Parameter = "T", Yellow = [0, 100], Red = [-10, 110] }],
        Session = words,
    };

    private RigSession NewSession(SessionDefinition? words = null, params IAsyncDisposable[] alsoOwned)
    {
        var session = new RigSession(Rig(words ?? Words), _first, _parts, _parts, _clock, Logger.None,
            new RigSessionOptions { ReopenPayload = _ => Task.FromResult<IPayloadChannel>(_second) }, alsoOwned);
        session.Alarm += _alarms.Enqueue;
        return session;
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Housekeeping_RedValueInAReport_FillsTheCacheAndRaisesAHardLimitAlarm(CancellationToken cancellationToken)
    {
        await using RigSession session = NewSession();

        _first.Report(_clock.GetUtcNow(), ("T", 20), ("U", 1));
        _first.Report(_clock.GetUtcNow(), ("T", 120));

        Assert.That(session.Telemetry.ReportCount, Is.EqualTo(2));
        Assert.That(session.Telemetry.TryGetLatest("T", out TelemetrySample latest) ? latest.Value : double.NaN, Is.EqualTo(120));
        Assert.That(_alarms.Single().Kind, Is.EqualTo(RigAlarmKind.HardLimitViolated));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Heartbeat_RigNamesACommand_SendsItOnThePayloadChannelWhileIdle(CancellationToken cancellationToken)
    {
        await using RigSession session = NewSession();
        _first.Report(_clock.GetUtcNow(), ("T", 20));

        await _clock.TimerCreatedAsync(cancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.That(await _first.NextSendAsync(cancellationToken), Is.EqualTo("PING"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Silence_StationWidensTheRigsBound_LinkLostOnlyPastTheWiderBound(CancellationToken cancellationToken)
    {
        await using var session = new RigSession(Rig(Words), _first, _parts, _parts, _clock, Logger.None,
            new RigSessionOptions { SilenceTimeout = TimeSpan.FromSeconds(30) });
        session.Alarm += _alarms.Enqueue;
        _first.Report(_clock.GetUtcNow(), ("T", 20));

        // Silence is counted from the first wait that saw the report (5 s); 25 s of it would trip the rig's own 15 s.
        for (int tick = 0; tick < 6; tick++)
        {
            await _clock.TimerCreatedAsync(cancellationToken);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        await _clock.TimerCreatedAsync(cancellationToken);
        Assert.That(_alarms, Is.Empty);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _clock.TimerCreatedAsync(cancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(5));
        await _clock.TimerCreatedAsync(cancellationToken);

        Assert.That(_alarms.Single().Message, Does.Contain("no housekeeping for 35 s"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task DeviceEvent_RigsBootEventAfterHousekeeping_RaisesARebootAlarm(CancellationToken cancellationToken)
    {
        await using RigSession session = NewSession();
        _first.Report(_clock.GetUtcNow(), ("T", 20));

        _first.Raise("BOOTED", _clock.GetUtcNow());

        RigAlarm reboot = _alarms.Single();
        Assert.That(reboot.Kind, Is.EqualTo(RigAlarmKind.DeviceRebooted));
        Assert.That(reboot.Message, Is.EqualTo("BOOTED: the payload restarted; volatile parameters are lost"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task ReconnectPayloadAsync_AfterALoss_ReplacesTheChannelSendsTheHeartbeatAndArmsLossAgain(CancellationToken cancellationToken)
    {
        await using RigSession session = NewSession();
        _first.Break(new LinkClosedException("tcp:1", "peer closed"));

        Assert.That(session.CanReconnectPayload, Is.True);
        await session.ReconnectPayloadAsync(cancellationToken);
        await session.SendCommandAsync("GO", new Dictionary<string, double>(), cancellationToken);
        _second.Break(new LinkClosedException("tcp:1", "peer closed again"));

        Assert.That(_first.Disposals, Is.EqualTo(1));
        Assert.That(_second.Sent, Is.EqualTo(new[] { "PING", "GO" }));
        Assert.That(_alarms.Select(a => a.Kind), Is.EqualTo(new[] { RigAlarmKind.LinkLost, RigAlarmKind.LinkLost }), "one alarm per outage");
        Assert.That(_alarms.Last().Message, Does.Contain("peer closed again"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task CheckLinkAlive_ChannelBrokeBeforeTheRunListened_RaisesLinkLost(CancellationToken cancellationToken)
    {
        _first.Break(new LinkClosedException("tcp:1", "peer closed"));
        await using RigSession session = NewSession();
        Assert.That(_alarms, Is.Empty);

        session.CheckLinkAlive();

        Assert.That(_alarms.Single().Kind, Is.EqualTo(RigAlarmKind.LinkLost));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task DisposeAsync_Open_ClosesThePayloadTheLinesTheInstrumentsAndWhatElseItOwns(CancellationToken cancellationToken)
    {
        var extra = new FakePayloadChannel("extra");
        RigSession session = NewSession(null, extra);

        await session.DisposeAsync();
        _first.Report(_clock.GetUtcNow(), ("T", 120));

        Assert.That(_first.Disposals, Is.EqualTo(1));
        Assert.That(_parts.Disposals, Is.EqualTo(2), "lines and instruments (one fake here) each closed");
        Assert.That(extra.Disposals, Is.EqualTo(1));
        Assert.That(_alarms, Is.Empty, "a closed session hears nothing");
    }
}
