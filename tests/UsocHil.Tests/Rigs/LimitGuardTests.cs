using Serilog.Core;
using UsocHil.Description;
using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs;

public sealed class LimitGuardTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly LimitDefinition[] Limits =
    [
        new() { Parameter = "T", Yellow = [0, 100], Red = [-10, 110], Persistence = 2 },
        new() { Parameter = "P", Yellow = [0, 50], Red = [0, 60] },
    ];

    private List<RigAlarm> _alarms = null!;

    [SetUp]
    public void SetUp() => _alarms = [];

    private LimitGuard NewGuard() => new(Limits, _alarms.Add, Logger.None);

    private static TelemetrySample[] Report(string parameter, double value) => [new TelemetrySample(parameter, value, At)];

    [Test]
    public void Observe_RedLimitConfirmedByItsPersistence_RaisesOneHardLimitAlarm()
    {
        LimitGuard guard = NewGuard();

        guard.Observe(Report("T", 120));
        Assert.That(_alarms, Is.Empty, "one sample beyond the band does not trip a limit of persistence 2");
        guard.Observe(Report("T", 121));
        guard.Observe(Report("T", 122));

        RigAlarm alarm = _alarms.Single();
        Assert.That(alarm.Kind, Is.EqualTo(RigAlarmKind.HardLimitViolated));
        Assert.That(alarm.Source, Is.EqualTo("T"));
        Assert.That(alarm.Message, Is.EqualTo("T = 121 outside its red limit"));
        Assert.That(alarm.RigTime, Is.EqualTo(At));
    }

    [Test]
    public void Observe_YellowBand_RaisesAWarning()
    {
        NewGuard().Observe(Report("P", 55));

        Assert.That(_alarms.Select(a => (a.Kind, a.Message)), Is.EqualTo(new[] { (RigAlarmKind.Warning, "P Nominal -> Yellow at 55") }));
    }

    [Test]
    public void Observe_ParameterWithoutLimits_RaisesNothing()
    {
        NewGuard().Observe(Report("UNLIMITED", 1e9));

        Assert.That(_alarms, Is.Empty);
    }

    [Test]
    public void Inhibit_InhibitedParameterCrossesItsRedLimit_RaisesNoHardLimitAlarm()
    {
        LimitGuard guard = NewGuard();

        using (guard.Inhibit(["P"]))
        {
            guard.Observe(Report("P", 70));
        }

        Assert.That(_alarms.Select(a => a.Kind), Is.EqualTo(new[] { RigAlarmKind.Warning }), "an inhibited red limit is only reported");
    }

    [Test]
    public void Inhibit_Disposed_RedLimitRaisesAgain()
    {
        LimitGuard guard = NewGuard();
        IDisposable inhibition = guard.Inhibit(["P"]);
        guard.Observe(Report("P", 70));
        guard.Observe(Report("P", 10));

        inhibition.Dispose();
        guard.Observe(Report("P", 70));

        Assert.That(_alarms.Select(a => a.Kind), Is.EqualTo(new[] { RigAlarmKind.Warning, RigAlarmKind.Warning, RigAlarmKind.HardLimitViolated }));
    }

    [Test]
    public void Inhibit_OtherParameter_DoesNotInhibitThisOne()
    {
        LimitGuard guard = NewGuard();

        using (guard.Inhibit(["T"]))
        {
            guard.Observe(Report("P", 70));
        }

        Assert.That(_alarms.Single().Kind, Is.EqualTo(RigAlarmKind.HardLimitViolated));
    }

    [Test]
    public void Inhibit_NestedAndOneDisposedTwice_StaysInhibitedUntilTheOtherEnds()
    {
        LimitGuard guard = NewGuard();
        IDisposable outer = guard.Inhibit(["P"]);
        IDisposable inner = guard.Inhibit(["P"]);

        inner.Dispose();
        inner.Dispose();
        guard.Observe(Report("P", 70));
        guard.Observe(Report("P", 10));
        outer.Dispose();
        guard.Observe(Report("P", 70));

        Assert.That(_alarms.Select(a => a.Kind), Is.EqualTo(new[] { RigAlarmKind.Warning, RigAlarmKind.Warning, RigAlarmKind.HardLimitViolated }));
    }
}
