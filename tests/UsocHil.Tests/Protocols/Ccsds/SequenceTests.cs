using UsocHil.Framing.Ccsds;

namespace UsocHil.Tests.Protocols.Ccsds;

public sealed class SequenceTests
{
    [Test]
    public void Next_PastModulo_WrapsToZeroPerApid()
    {
        var counter = new SequenceCounter();
        for (int i = 0; i < 16383; i++)
        {
            counter.Next(5);
        }

        Assert.That(counter.Next(5), Is.EqualTo(16383));
        Assert.That(counter.Next(5), Is.Zero);
        Assert.That(counter.Next(6), Is.Zero);
    }

    [Test]
    public void Observe_MissingCounts_CountsGapsAndPacketsAcrossWrap()
    {
        var monitor = new SequenceGapMonitor();

        Assert.That(monitor.Observe(1, 16382), Is.Zero);
        Assert.That(monitor.Observe(1, 1), Is.EqualTo(2));
        Assert.That(monitor.Observe(1, 2), Is.Zero);
        Assert.That(monitor.Observe(2, 40), Is.Zero);
        Assert.That(monitor.Observe(1, 5), Is.EqualTo(2));
        Assert.That(monitor.Observe(1, 5), Is.Zero);

        Assert.That((monitor.Gaps, monitor.MissingPackets), Is.EqualTo((2L, 4L)));
    }
}
