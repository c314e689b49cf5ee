using System.Collections.Concurrent;
using Serilog.Core;
using UsocHil.Description;
using UsocHil.Links;
using UsocHil.Rigs;
using UsocHil.Tests.Rigs.Fakes;

namespace UsocHil.Tests.Rigs;

public sealed class PayloadWatchdogTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Silence = TimeSpan.FromSeconds(15);

    private static readonly SessionDefinition Words = new()
    {
        Heartbeat = new HeartbeatDefinition { Command = "PING", IntervalSeconds = Interval.TotalSeconds },
        BootEvent = "BOOTED",
    };

    private SteppingClock _clock = null!;
    private TelemetryCache _telemetry = null!;
    private FakePayloadChannel _channel = null!;
    private ConcurrentQueue<RigAlarm> _alarms = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = new SteppingClock();
        _telemetry = new TelemetryCache();
        _channel = new FakePayloadChannel();
        _alarms = new ConcurrentQueue<RigAlarm>();
    }

    [TearDown]
    public async Task TearDown() => await _channel.DisposeAsync();

    private PayloadWatchdog NewWatchdog(SessionDefinition? words = null) =>
        new("toy-rig", words ?? Words, Silence, _telemetry, _channel.SendAsync, _alarms.Enqueue, _clock, Logger.None);

    private void Report() => _telemetry.Publish([new TelemetrySample("T", 20, _clock.GetUtcNow())]);

    /// <summary>Advances the clock by one wait of the watchdog's loop, once the loop is waiting.</summary>
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        await _clock.TimerCreatedAsync(cancellationToken);
        _clock.Advance(Interval);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_HousekeepingFlowing_SendsTheHeartbeatEveryInterval(CancellationToken cancellationToken)
    {
        await using PayloadWatchdog watchdog = NewWatchdog();
        watchdog.Start();
        Report();

        await TickAsync(cancellationToken);
        Assert.That(await _channel.NextSendAsync(cancellationToken), Is.EqualTo("PING"));
        Report();
        await TickAsync(cancellationToken);
        Assert.That(await _channel.NextSendAsync(cancellationToken), Is.EqualTo("PING"));
        await _clock.TimerCreatedAsync(cancellationToken);

        Assert.That(_channel.Sent, Is.EqualTo(new[] { "PING", "PING" }));
        Assert.That(_alarms, Is.Empty);
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_NoHousekeepingYet_SendsNoHeartbeat(CancellationToken cancellationToken)
    {
        await using PayloadWatchdog watchdog = NewWatchdog();
        watchdog.Start();

        await TickAsync(cancellationToken);
        await TickAsync(cancellationToken);
        await _clock.TimerCreatedAsync(cancellationToken);

        Assert.That(_channel.Sent, Is.Empty, "an unbooted payload is not sent heartbeats");
        Assert.That(_alarms, Is.Empty, "nor is its silence a lost link before housekeeping has flowed");
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_SilencePastTheTimeout_RaisesLinkLostOnce(CancellationToken cancellationToken)
    {
        await using PayloadWatchdog watchdog = NewWatchdog();
        watchdog.Start();
        Report();

        // The first wait sees the report; silence is counted from there: 5, 10, 15 (not past), 20 s (past).
        for (int tick = 0; tick < 4; tick++)
        {
            await TickAsync(cancellationToken);
        }

        await _clock.TimerCreatedAsync(cancellationToken);
        Assert.That(_alarms, Is.Empty, "15 s of silence is not past a 15 s timeout");

        _clock.Advance(Interval);
        await TickAsync(cancellationToken);
        await _clock.TimerCreatedAsync(cancellationToken);

        RigAlarm lost = _alarms.Single();
        Assert.That(lost.Kind, Is.EqualTo(RigAlarmKind.LinkLost));
        Assert.That(lost.Source, Is.EqualTo("payload"));
        Assert.That(lost.Message, Does.Contain("no housekeeping for 20 s of rig time"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_RigWithoutHeartbeat_SendsNothingButStillNoticesSilence(CancellationToken cancellationToken)
    {
        await using PayloadWatchdog watchdog = NewWatchdog(new SessionDefinition());
        watchdog.Start();
        Report();

        // Without a heartbeat the loop wakes every third of the silence timeout (5 s here).
        for (int tick = 0; tick < 5; tick++)
        {
            await TickAsync(cancellationToken);
        }

        await _clock.TimerCreatedAsync(cancellationToken);

        Assert.That(_channel.Sent, Is.Empty);
        Assert.That(_alarms.Single().Kind, Is.EqualTo(RigAlarmKind.LinkLost));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task Start_HeartbeatFails_RaisesNoAlarmAndKeepsSending(CancellationToken cancellationToken)
    {
        _channel.OnSend = (_, _) => throw new TimeoutException("no acceptance report");
        await using PayloadWatchdog watchdog = NewWatchdog();
        watchdog.Start();
        Report();

        await TickAsync(cancellationToken);
        await _channel.NextSendAsync(cancellationToken);
        Report();
        await TickAsync(cancellationToken);
        await _channel.NextSendAsync(cancellationToken);

        Assert.That(_alarms, Is.Empty, "a dead link reports itself through loss or silence, not through one missed heartbeat");
    }

    [Test]
    public void OnDeviceEvent_BootAfterHousekeepingFlowed_RaisesARebootAlarm()
    {
        PayloadWatchdog watchdog = NewWatchdog();
        Report();
        DateTimeOffset at = _clock.GetUtcNow();

        watchdog.OnDeviceEvent("BOOTED", at);

        RigAlarm reboot = _alarms.Single();
        Assert.That(reboot.Kind, Is.EqualTo(RigAlarmKind.DeviceRebooted));
        Assert.That(reboot.Source, Is.EqualTo("toy-rig"));
        Assert.That(reboot.Message, Is.EqualTo("BOOTED: the payload restarted; volatile parameters are lost"));
        Assert.That(reboot.RigTime, Is.EqualTo(at));
    }

    [Test]
    public void OnDeviceEvent_BootBeforeAnyHousekeeping_IsOnlyAWarning()
    {
        PayloadWatchdog watchdog = NewWatchdog();

        watchdog.OnDeviceEvent("BOOTED", _clock.GetUtcNow());

        Assert.That(_alarms.Single().Kind, Is.EqualTo(RigAlarmKind.Warning), "the first boot of a run is the payload coming up");
    }

    [Test]
    public void OnDeviceEvent_OtherEventOrRigWithoutBootEvent_IsAWarning()
    {
        Report();

        NewWatchdog().OnDeviceEvent("OVERHEAT", _clock.GetUtcNow());
        NewWatchdog(new SessionDefinition()).OnDeviceEvent("BOOTED", _clock.GetUtcNow());

        Assert.That(_alarms.Select(a => (a.Kind, a.Message)), Is.EqualTo(new[]
        {
            (RigAlarmKind.Warning, "event OVERHEAT"),
            (RigAlarmKind.Warning, "event BOOTED"),
        }));
    }

    [Test]
    public void OnLost_Twice_RaisesOneAlarmPerOutage()
    {
        PayloadWatchdog watchdog = NewWatchdog();

        watchdog.OnLost(new LinkClosedException("tcp:1", "peer closed"));
        watchdog.OnLost(new LinkTimeoutException("payload", "no housekeeping for 16 s of rig time"));

        RigAlarm lost = _alarms.Single();
        Assert.That(lost.Kind, Is.EqualTo(RigAlarmKind.LinkLost));
        Assert.That(lost.Message, Does.Contain("peer closed"));
    }

    [Test]
    public void Suspend_LossDuringReconnection_RaisesNothingAndResumeArmsItAgain()
    {
        PayloadWatchdog watchdog = NewWatchdog();

        watchdog.Suspend();
        watchdog.OnLost(new LinkClosedException("tcp:1", "old link closed"));
        Assert.That(_alarms, Is.Empty);

        watchdog.Resume();
        watchdog.OnLost(new LinkClosedException("tcp:1", "new link closed"));

        Assert.That(_alarms.Single().Message, Does.Contain("new link closed"));
    }

    [Test]
    [CancelAfter(5_000)]
    public async Task DisposeAsync_StopsTheHeartbeat(CancellationToken cancellationToken)
    {
        PayloadWatchdog watchdog = NewWatchdog();
        watchdog.Start();
        Report();
        await _clock.TimerCreatedAsync(cancellationToken);

        await watchdog.DisposeAsync();
        _clock.Advance(Interval * 4);

        Assert.That(_channel.Sent, Is.Empty);
        Assert.That(_alarms, Is.Empty);
    }
}
