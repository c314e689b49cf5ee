using Microsoft.Extensions.Time.Testing;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.Tests.Protocols.Pus;

public sealed class TelemetryStamperTests
{
    [Test]
    public void Stamp_TwoKindsOfReport_CountsSequencePerApidAndMessagesPerType()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var stamper = new TelemetryStamper(clock, PusCodec.UsocHilDefault.Layout, destinationId: 7);

        Telemetry a = stamper.Stamp(ConnectionTest.Report(100));
        Telemetry b = stamper.Stamp(new EventReport(EventSeverity.Info, 1).ToTelemetry(100));
        clock.Advance(TimeSpan.FromSeconds(1.5));
        Telemetry c = stamper.Stamp(ConnectionTest.Report(100));

        Assert.That(new[] { a.SequenceCount, b.SequenceCount, c.SequenceCount }, Is.EqualTo(new ushort[] { 0, 1, 2 }));
        Assert.That(new[] { a.MessageTypeCounter, b.MessageTypeCounter, c.MessageTypeCounter }, Is.EqualTo(new ushort[] { 0, 0, 1 }));
        Assert.That(a.DestinationId, Is.EqualTo(7));
        Assert.That(c.Time.SecondsSinceEpoch - a.Time.SecondsSinceEpoch, Is.EqualTo(1.5).Within(1e-4));
        // 2026-01-01 UTC is 2145916800 s after 1958-01-01 (calendar), TAI 37 s ahead.
        Assert.That(a.Time.Coarse, Is.EqualTo(2_145_916_800u + 37));
    }
}
