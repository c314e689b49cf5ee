using UsocHil.Expectations;
using UsocHil.Tests.Support;
using UsocHil.Description;

namespace UsocHil.Tests.Expectations;

public sealed class LimitMonitorTests
{
    private static LimitMonitor Monitor(int persistence) => new([
        new LimitDefinition { Parameter = "TC1_TEMP", Yellow = [0, 1000], Red = [-20, 1040], Persistence = persistence },
        new LimitDefinition { Parameter = "HEATER_POWER", Yellow = [0, 560], Red = [0, 610], Persistence = persistence },
    ]);

    private static List<string> Feed(LimitMonitor monitor, string parameter, params double[] values)
    {
        var seen = new List<string>();
        foreach (double v in values)
        {
            if (monitor.Observe(parameter, v, out LimitTransition t))
            {
                seen.Add($"{t.From}>{t.To}");
            }
        }

        return seen;
    }

    [TestCase(3, new[] { 500.0, 1050, 500, 500 }, "")]
    [TestCase(3, new[] { 1050.0, 1050, 1050 }, "Nominal>Red")]
    [TestCase(3, new[] { 1010.0, 1010, 1010 }, "Nominal>Yellow")]
    [TestCase(3, new[] { 1010.0, 1050, 1010 }, "Nominal>Yellow")]
    [TestCase(3, new[] { 1010.0, 1010, 1010, 1050, 1050, 1050 }, "Nominal>Yellow,Yellow>Red")]
    [TestCase(3, new[] { 1050.0, 1050, 1050, 500, 1050, 500, 500, 500 }, "Nominal>Red,Red>Nominal")]
    [TestCase(3, new[] { 1050.0, 1050, 1050, 1010, 500, 500 }, "Nominal>Red,Red>Yellow")]
    [TestCase(1, new[] { 500.0, 1050, 500 }, "Nominal>Red,Red>Nominal")]
    [TestCase(2, new[] { double.NaN, double.NaN }, "Nominal>Red")]
    public void Observe_Sequence_ReportsPersistentTransitionsOnly(int persistence, double[] values, string expected)
    {
        LimitMonitor monitor = Monitor(persistence);

        List<string> seen = Feed(monitor, "TC1_TEMP", values);

        Assert.That(string.Join(",", seen), Is.EqualTo(expected));
    }

    [Test]
    public void Observe_ChannelsAreIndependent()
    {
        LimitMonitor monitor = Monitor(2);

        Feed(monitor, "HEATER_POWER", 600, 600);
        Feed(monitor, "TC1_TEMP", 1050);

        Assert.That(monitor.LevelOf(monitor.ChannelOf("HEATER_POWER")), Is.EqualTo(LimitLevel.Yellow));
        Assert.That(monitor.LevelOf(monitor.ChannelOf("TC1_TEMP")), Is.EqualTo(LimitLevel.Nominal));
        Assert.That(monitor.AnyRed, Is.False);
    }

    [Test]
    public void Observe_UnlimitedParameter_NoTransition()
    {
        LimitMonitor monitor = Monitor(1);

        Assert.That(monitor.Observe("MODE", 1e9, out _), Is.False);
        Assert.That(monitor.ChannelOf("MODE"), Is.EqualTo(-1));
    }

    [Test]
    public void Observe_MillionSamples_AllocatesNothing()
    {
        LimitMonitor monitor = Monitor(3);
        int channel = monitor.ChannelOf("TC1_TEMP");
        monitor.Observe(channel, 1, out _);
        int transitions = 0;

        long allocated = Allocations.LeastOfThreeRounds(() =>
        {
            for (int i = 0; i < 1_000_000; i++)
            {
                if (monitor.Observe(channel, (i % 100) < 50 ? 500 : 1050, out LimitTransition t) && t.IsRed)
                {
                    transitions++;
                }
            }
        });

        Assert.That(allocated, Is.Zero);
        Assert.That(transitions, Is.EqualTo(30_000));
    }
}
