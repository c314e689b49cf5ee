using Serilog.Core;
using UsocHil.Description;
using UsocHil.Rigs;

namespace UsocHil.Tests.Rigs;

/// <summary>The rig session's limit check with delta and conditional limits: the rig time of the reports, red safes, inhibition holds.</summary>
public sealed class DeltaAndConditionalLimitGuardTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly LimitDefinition[] Limits =
    [
        new() { Parameter = "TC1", Yellow = [0, 1000], Red = [-20, 1040], Delta = new DeltaLimitDefinition { Yellow = 2, Red = 5 } },
        new() { Parameter = "POWER", Yellow = [0, 100], Red = [0, 120], When = new LimitCondition { Parameter = "MODE", Value = 1 } },
    ];

    private List<RigAlarm> _alarms = null!;

    [SetUp]
    public void SetUp() => _alarms = [];

    private LimitGuard NewGuard() => new(Limits, _alarms.Add, Logger.None);

    private static TelemetrySample[] Report(double seconds, params (string Parameter, double Value)[] values) =>
        [.. values.Select(v => new TelemetrySample(v.Parameter, v.Value, Start.AddSeconds(seconds)))];

    [Test]
    public void Observe_RiseFasterThanTheRedDelta_RaisesAHardLimitAlarmNamingTheRate()
    {
        LimitGuard guard = NewGuard();

        guard.Observe(Report(0, ("TC1", 500)));
        guard.Observe(Report(0.5, ("TC1", 504)));

        RigAlarm alarm = _alarms.Single();
        Assert.That(alarm.Kind, Is.EqualTo(RigAlarmKind.HardLimitViolated));
        Assert.That(alarm.Message, Is.EqualTo("TC1 = 504, changed by 8/s outside its red delta limit"));
        Assert.That(alarm.RigTime, Is.EqualTo(Start.AddSeconds(0.5)));
    }

    [Test]
    public void Observe_TheSameRiseOverTwoSeconds_IsOnlyAWarning()
    {
        LimitGuard guard = NewGuard();

        guard.Observe(Report(0, ("TC1", 500)));
        guard.Observe(Report(2, ("TC1", 508)));

        Assert.That(_alarms.Select(a => (a.Kind, a.Message)), Is.EqualTo(new[] { (RigAlarmKind.Warning, "TC1 Nominal -> Yellow at 508, changed by 4/s") }));
    }

    [Test]
    public void Inhibit_RedDelta_IsOnlyReported()
    {
        LimitGuard guard = NewGuard();

        using (guard.Inhibit(["TC1"]))
        {
            guard.Observe(Report(0, ("TC1", 500)));
            guard.Observe(Report(1, ("TC1", 600)));
        }

        Assert.That(_alarms.Select(a => a.Kind), Is.EqualTo(new[] { RigAlarmKind.Warning }));
    }

    [Test]
    public void Observe_ConditionInTheSameReport_AfterTheLimitedParameter_StillApplies()
    {
        LimitGuard guard = NewGuard();

        guard.Observe(Report(0, ("POWER", 130), ("MODE", 0)));
        Assert.That(_alarms, Is.Empty, "MODE 0: the POWER limit does not apply");
        guard.Observe(Report(1, ("POWER", 130), ("MODE", 1)));

        RigAlarm alarm = _alarms.Single();
        Assert.That((alarm.Kind, alarm.Message), Is.EqualTo((RigAlarmKind.HardLimitViolated, "POWER = 130 outside its red limit (applicable while MODE = 1)")));
    }
}
