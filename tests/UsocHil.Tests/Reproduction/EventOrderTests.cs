using UsocHil.Reproduction;
using UsocHil.Timelines;

namespace UsocHil.Tests.Reproduction;

public sealed class EventOrderTests
{
    private static TimelineEvent E(double at, string name) => new(at, name);

    [Test]
    public void TheFlightsEventsInOrderWithinTheLag_Agree()
    {
        IReadOnlyList<string> differences = EventOrder.Differences(
            [E(0, "BOOT_COMPLETE"), E(600, "OVER_TEMPERATURE")],
            [E(1, "BOOT_COMPLETE"), E(612, "OVER_TEMPERATURE")]);

        Assert.That(differences, Is.Empty);
    }

    [Test]
    public void AFlightEventTheGroundNeverRaised_IsNamedWithItsOffset()
    {
        IReadOnlyList<string> differences = EventOrder.Differences(
            [E(0, "BOOT_COMPLETE"), E(600, "IMBALANCE_TRIP")],
            [E(0, "BOOT_COMPLETE")]);

        Assert.That(differences, Is.EqualTo(new[] { "event IMBALANCE_TRIP at flight offset 600.0 s not raised on the ground in order" }));
    }

    [Test]
    public void AGroundEventTheFlightDidNotHave_Differs()
    {
        IReadOnlyList<string> differences = EventOrder.Differences([E(0, "BOOT_COMPLETE")], [E(0, "BOOT_COMPLETE"), E(300, "WATCHDOG_EXPIRED")]);

        Assert.That(differences, Is.EqualTo(new[] { "event WATCHDOG_EXPIRED raised on the ground at 300.0 s, not in flight" }));
    }

    [Test]
    public void TheSameEventsInAnotherOrder_Differ()
    {
        IReadOnlyList<string> differences = EventOrder.Differences(
            [E(100, "LID_OPENED_AT_SPEED"), E(110, "ROTOR_STOPPED")],
            [E(100, "ROTOR_STOPPED"), E(110, "LID_OPENED_AT_SPEED")]);

        Assert.That(differences, Has.Count.EqualTo(2));
        Assert.That(differences[0], Does.StartWith("event ROTOR_STOPPED at flight offset 110.0 s not raised"));
        Assert.That(differences[1], Does.StartWith("event ROTOR_STOPPED raised on the ground at 100.0 s"));
    }

    [Test]
    public void AnEventLaterThanTheLagAllows_IsNotTheFlightsEvent()
    {
        IReadOnlyList<string> differences = EventOrder.Differences([E(600, "OVER_TEMPERATURE")], [E(600 + EventOrder.ToleranceSeconds + 5, "OVER_TEMPERATURE")]);

        Assert.That(differences, Has.Count.EqualTo(2));
    }
}
