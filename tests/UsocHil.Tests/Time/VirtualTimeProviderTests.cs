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

    [TestCase(false)]
    [TestCase(true)]
    public void CreateTimer_RigMinute_FiresAfterScaledWallTime_PacedOrNot(bool paced)
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 60, paced);
        int fired = 0;
        using var timer = rig.CreateTimer(_ => fired++, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);

        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(fired, Is.Zero);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(fired, Is.EqualTo(1));
    }

    [Test]
    public void CreateTimer_Paced_PeriodBelowAWallMillisecond_KeepsFiring()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 1000, paced: true);
        int fired = 0;
        using var timer = rig.CreateTimer(_ => fired++, null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));

        for (int i = 0; i < 5; i++)
        {
            wall.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.That(fired, Is.EqualTo(5));
    }

    [Test]
    public void ReportSent_HarnessNotReadingIt_RigTimeWaitsAtMostTheLead()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 10_000, paced: true);
        long start = rig.GetTimestamp();

        rig.ReportSent();
        wall.Advance(TimeSpan.FromMilliseconds(10)); // 100 s of rig time if nothing held it

        Assert.That(rig.GetElapsedTime(start), Is.LessThanOrEqualTo(VirtualTimeProvider.Lead));
    }

    [Test]
    public void ReportFollowed_AfterAHold_RigTimeGoesOnFromWhereItWasHeld()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 10_000, paced: true);
        long start = rig.GetTimestamp();
        rig.ReportSent();
        wall.Advance(TimeSpan.FromMilliseconds(10));
        TimeSpan held = rig.GetElapsedTime(start);

        rig.ReportFollowed();
        wall.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(rig.GetElapsedTime(start).TotalSeconds, Is.EqualTo((held + TimeSpan.FromSeconds(10)).TotalSeconds).Within(1e-6));
    }

    [Test]
    public void ReportSent_NeverRead_LetGoAfterAShortWallTime()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 10_000, paced: true);
        long start = rig.GetTimestamp();
        rig.ReportSent();

        wall.Advance(TimeSpan.FromMilliseconds(60));
        _ = rig.GetTimestamp();
        wall.Advance(TimeSpan.FromMilliseconds(10));

        Assert.That(rig.GetElapsedTime(start), Is.GreaterThan(TimeSpan.FromSeconds(99)));
        Assert.That(rig.DescribeHolds(), Does.Contain("1 report(s) never read"));
    }

    [Test]
    public void HoldForExchange_UntilDisposed_RigTimeWaitsForTheRoundTrip()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 10_000, paced: true);
        long start = rig.GetTimestamp();

        using (rig.HoldForExchange())
        {
            wall.Advance(TimeSpan.FromMilliseconds(20));
            Assert.That(rig.GetElapsedTime(start), Is.LessThanOrEqualTo(VirtualTimeProvider.Lead));
        }

        wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(rig.GetElapsedTime(start), Is.GreaterThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public void HoldForExchange_NotPaced_HoldsNothing()
    {
        var wall = new FakeTimeProvider();
        var rig = new VirtualTimeProvider(wall, 10_000);
        long start = rig.GetTimestamp();

        using (rig.HoldForExchange())
        {
            rig.ReportSent();
            wall.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.That(rig.GetElapsedTime(start).TotalSeconds, Is.EqualTo(200).Within(1e-6));
        Assert.That(rig.DescribeHolds(), Is.Null);
    }

    [Test]
    public async Task Follows_NothingElseToDo_JumpsStraightToTheNextTimer()
    {
        using var rig = new VirtualTimeProvider(TimeProvider.System, 100_000, paced: true, follows: true);
        long start = rig.GetTimestamp();
        var fired = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);

        // Three rig hours: 108 s of wall time at the scale, a few milliseconds when the clock follows.
        using ITimer timer = rig.CreateTimer(_ => fired.TrySetResult(rig.GetElapsedTime(start)), null, TimeSpan.FromHours(3), Timeout.InfiniteTimeSpan);

        TimeSpan firedAt = await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(firedAt, Is.EqualTo(TimeSpan.FromHours(3)).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(rig.DescribeHolds(), Does.Contain("1 jump(s) to the next timer"));
    }

    [Test]
    public async Task Follows_WallTimePassesWithNoTimerDue_RigTimeStandsStill()
    {
        using var rig = new VirtualTimeProvider(TimeProvider.System, 100_000, paced: true, follows: true);
        long start = rig.GetTimestamp();

        await Task.Delay(50);

        Assert.That(rig.GetElapsedTime(start), Is.EqualTo(TimeSpan.Zero), "at the scale, 50 ms of wall time would be 83 rig minutes");
    }

    [Test]
    public async Task Follows_ExchangeUnansweredPastItsLetGo_RigTimeRunsOnAtTheStalledPaceOnly()
    {
        using var rig = new VirtualTimeProvider(TimeProvider.System, 100_000, paced: true, follows: true);
        long start = rig.GetTimestamp();
        var wall = System.Diagnostics.Stopwatch.StartNew();

        TimeSpan elapsed;
        using (rig.HoldForExchange())
        {
            // Due once the exchange is open: nothing lets the clock jump to it before.
            using ITimer timer = rig.CreateTimer(_ => { }, null, TimeSpan.FromHours(3), Timeout.InfiniteTimeSpan);
            await Task.Delay(500);
            elapsed = rig.GetElapsedTime(start);
            wall.Stop();
        }

        // A timeout under test is reached (the clock runs on), but a stalled harness does not see hours pass.
        Assert.That(elapsed, Is.GreaterThan(VirtualTimeProvider.Lead));
        Assert.That(elapsed, Is.LessThanOrEqualTo(VirtualTimeProvider.Lead + (wall.Elapsed * VirtualTimeProvider.StalledExchangePace)));
    }

    [Test]
    public void Follows_NotPaced_Throws() =>
        Assert.That(() => new VirtualTimeProvider(new FakeTimeProvider(), 100, paced: false, follows: true), Throws.ArgumentException);

    [Test]
    public async Task Follows_Disposed_RigTimeRunsWithTheWallClockAndTimersStillFire()
    {
        var rig = new VirtualTimeProvider(TimeProvider.System, 100_000, paced: true, follows: true);
        rig.Dispose();
        long start = rig.GetTimestamp();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A clock that no longer jumps must not leave its timers waiting for a jump...
        using ITimer timer = rig.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan);
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(30));

        // ...nor turn the wall time links take to close into hours of rig time, as its scale would.
        TimeSpan elapsed = rig.GetElapsedTime(start);
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(50)));
        Assert.That(elapsed, Is.LessThan(TimeSpan.FromSeconds(25)), "at 100,000x, 50 ms of wall time would be 83 rig minutes");
    }
}
