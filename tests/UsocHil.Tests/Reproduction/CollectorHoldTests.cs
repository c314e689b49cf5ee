using System.Runtime;
using UsocHil.Reproduction;

namespace UsocHil.Tests.Reproduction;

/// <summary>
/// The flight schedule's hold on the garbage collector: what is allocated within the region collects nothing until the
/// hold ends, the process gets its latency mode back, and a second schedule in the same process is told it has none.
/// </summary>
[NonParallelizable]
public sealed class CollectorHoldTests
{
    /// <summary>Far more than a gen0 budget (a few MB), well within the hold's least region.</summary>
    private const int AllocatedBytes = 40 << 20;

    /// <summary>Where each allocation goes, so that none can be kept on the stack instead.</summary>
    private static byte[]? s_last;

    [Test]
    public void Begin_AllocationWithinTheRegion_NoCollectionWhileHeld_ThenTheLatencyModeOfBefore()
    {
        GCLatencyMode before = GCSettings.LatencyMode;
        string summary;
        int collected;
        using (CollectorHold hold = CollectorHold.Begin(0, TimeSpan.Zero, TimeSpan.FromSeconds(4), 100))
        {
            int gen0 = GC.CollectionCount(0);
            for (int i = 0; i < AllocatedBytes / 4096; i++)
            {
                s_last = new byte[4096 - 32];
            }

            collected = GC.CollectionCount(0) - gen0;
            summary = hold.Summary();
        }

        Assert.That(collected, Is.Zero, summary);
        Assert.That(summary, Does.Contain("gen0 0, gen1 0, gen2 0").And.Contain("held throughout (1 region(s))"));
        Assert.That(GCSettings.LatencyMode, Is.EqualTo(before));
    }

    [Test]
    public void Begin_WhileAnotherScheduleHolds_SaysSoAndLeavesTheFirstRegionHeld()
    {
        using CollectorHold first = CollectorHold.Begin(0, TimeSpan.Zero, TimeSpan.FromSeconds(1), 10);
        using (CollectorHold second = CollectorHold.Begin(0, TimeSpan.Zero, TimeSpan.FromSeconds(1), 10))
        {
            Assert.That(second.Summary(), Does.Contain("another flight schedule holds the collector"));
        }

        Assert.That(GCSettings.LatencyMode, Is.EqualTo(GCLatencyMode.NoGCRegion), "the second's end does not end the first's region");
        Assert.That(first.Summary(), Does.Contain("held throughout"));
    }
}
