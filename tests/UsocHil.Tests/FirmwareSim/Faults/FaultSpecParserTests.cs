using UsocHil.FirmwareSim.Faults;

namespace UsocHil.Tests.FirmwareSim.Faults;

public sealed class FaultSpecParserTests
{
    [Test]
    public void Parse_EveryKind_FillsThePlan()
    {
        FaultPlan plan = FaultPlan.Parse([
            "corrupt=0.01", "drop=0.02", "delay=200ms", "no-response=0.1", "stuck-tc=2", "open-tc=3@5min",
            "slow-heater=0.5", "reboot-at=600s", "disconnect-at=300", "supply-trip-at=1h", "disconnect-for=90s",
        ]);

        Assert.That(plan.CorruptRate, Is.EqualTo(0.01));
        Assert.That(plan.DropRate, Is.EqualTo(0.02));
        Assert.That(plan.ResponseDelay, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(plan.NoResponseRate, Is.EqualTo(0.1));
        Assert.That(plan.Sensors, Is.EqualTo(new[]
        {
            new SensorFault(2, SensorFaultKind.Stuck, TimeSpan.Zero),
            new SensorFault(3, SensorFaultKind.Open, TimeSpan.FromMinutes(5)),
        }));
        Assert.That(plan.HeaterFactor, Is.EqualTo(0.5));
        Assert.That(plan.RebootAt, Is.EqualTo(TimeSpan.FromSeconds(600)));
        Assert.That(plan.DisconnectAt, Is.EqualTo(TimeSpan.FromSeconds(300)));
        Assert.That(plan.DisconnectFor, Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(plan.SupplyTripAt, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(plan.Specs, Has.Count.EqualTo(11));
    }

    [Test]
    public void Parse_SensorFaultAtUptime_CountsFromBoot()
    {
        FaultPlan plan = FaultPlan.Parse(["stuck-tc=2@UPTIME>20min", "open-tc=1@uptime> 90", "ref-offset=0.25@UPTIME>63min"]);

        Assert.That(plan.ReferenceOffset, Is.EqualTo(new ReferenceOffsetFault(0.25, TimeSpan.FromMinutes(63), FromBoot: true)));
        Assert.That(plan.ReferenceOffset!.OffsetAt(TimeSpan.FromHours(2), TimeSpan.FromMinutes(62)), Is.Zero, "up for 62 min only, whatever the emulator's clock");
        Assert.That(plan.ReferenceOffset.OffsetAt(TimeSpan.FromMinutes(70), TimeSpan.FromMinutes(63)), Is.EqualTo(0.25));

        Assert.That(plan.Sensors, Is.EqualTo(new[]
        {
            new SensorFault(2, SensorFaultKind.Stuck, TimeSpan.FromMinutes(20), FromBoot: true),
            new SensorFault(1, SensorFaultKind.Open, TimeSpan.FromSeconds(90), FromBoot: true),
        }));
    }

    [TestCase("stuck-tc=2@UPTIME>soon", "not a duration")]
    [TestCase("corrupt", "expected name=value")]
    [TestCase("corrupt=1.5", "not a probability")]
    [TestCase("drop=abc", "not a probability")]
    [TestCase("delay=fast", "not a duration")]
    [TestCase("delay=-5s", "not a duration")]
    [TestCase("stuck-tc=4", "thermocouple number")]
    [TestCase("open-tc=1@soon", "not a duration")]
    [TestCase("slow-heater=0", "fraction of power")]
    [TestCase("melt=1", "unknown fault 'melt'")]
    public void Parse_BadSpec_OneLineErrorNamingTheSpec(string spec, string problem)
    {
        var error = Assert.Throws<FaultSpecException>(() => FaultPlan.Parse([spec]))!;

        Assert.That(error.Message, Does.StartWith($"bad fault '{spec}': "));
        Assert.That(error.Message, Does.Contain(problem));
        Assert.That(error.Message, Does.Not.Contain('\n'));
        Assert.That(error.Spec, Is.EqualTo(spec));
    }
}
