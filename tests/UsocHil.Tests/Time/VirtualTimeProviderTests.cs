using Microsoft.Extensions.Time.Testing;
using UsocHil.Time;

namespace UsocHil.Tests.Time;

public sealed class VirtualTimeProviderTests
{
    [Test]
    public void GetElapsedTime_WallAdvancesOneSecond_RigAdvancesTimeScaleSeconds()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 400);
        long start = rig.GetTimestamp();

        wall.Advance(TimeSpan.FromSeconds(1));

        Assert.That(rig.GetElapsedTime(start).TotalSeconds, Is.EqualTo(400).Within(1e-6));
    }

    [Test]
    public void CreateTimer_RigMinute_FiresAfterScaledWallTime()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 60);
        int fired = 0;
        using var timer = rig.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(fired, Is.Zero);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(fired, Is.EqualTo(1));
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(double.NaN)]
    public void Constructor_NonPositiveScale_Throws(double scale) =>
        Assert.That(() => new VirtualTimeProvider(new FakeTimeProvider(), scale), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [Test]
    public void CreateTimer_PeriodBelowAWallMillisecond_KeepsFiring()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 1000);
        int fired = 0;
        using var timer = rig.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

        for (int i = 0; i < 5; i++)
        {
            wall.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.That(fired, Is.EqualTo(5));
    }
}
