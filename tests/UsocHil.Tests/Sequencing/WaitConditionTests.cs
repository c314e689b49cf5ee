using UsocHil.Rigs;
using UsocHil.Sequencing.Steps;

namespace UsocHil.Tests.Sequencing;

public sealed class WaitConditionTests
{
    private const string Temp = "CONTROL_TEMP";
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>One housekeeping report per second of rig time from <paramref name="fromSecond"/>, valued by <paramref name="value"/>(second).</summary>
    private static void Feed(TelemetryCache cache, int fromSecond, int toSecond, Func<int, double> value)
    {
        for (int s = fromSecond; s <= toSecond; s++)
        {
            cache.Publish([new TelemetrySample(Temp, value(s), s_t0.AddSeconds(s))]);
        }
    }

    private static WaitCondition Stable(double maxRatePerMinute = 0.05, int seconds = 60) => new()
    {
        Parameter = Temp, Near = ValueExpression.Literal(300), Tolerance = 1, MaxRatePerMinute = maxRatePerMinute, StableFor = TimeSpan.FromSeconds(seconds),
    };

    private static bool IsMet(WaitCondition condition, TelemetryCache cache, int firstFreshSecond, VariableScope? scope = null) =>
        condition.IsMet(cache, s_t0.AddSeconds(firstFreshSecond), scope ?? VariableScope.Empty, out _);

    [Test]
    public void IsMet_DriftFasterThanTheRateLimitForTheWholeWindow_IsNotMet()
    {
        var cache = new TelemetryCache();
        Feed(cache, 0, 120, s => 299.5 + (0.1 * s / 60)); // 0.1 K/min, inside the band throughout

        Assert.That(IsMet(Stable(0.05), cache, 0), Is.False);
        Assert.That(IsMet(Stable(0.15), cache, 0), Is.True, "the same drift passes a looser rate limit");
    }

    [Test]
    public void IsMet_PlateauAfterARamp_IsMetOnlyOnceTheWholeWindowIsFlat()
    {
        var cache = new TelemetryCache();
        Feed(cache, 0, 100, s => s < 40 ? 299.0 + (s * 0.025) : 300.0); // 1.5 K/min up to 40 s, then flat

        Assert.That(IsMet(Stable(seconds: 60), cache, 0), Is.True, "window 40..100 s is flat");

        var early = new TelemetryCache();
        Feed(early, 0, 90, s => s < 40 ? 299.0 + (s * 0.025) : 300.0);
        Assert.That(IsMet(Stable(seconds: 60), early, 0), Is.False, "window 30..90 s still holds 10 s of ramp");
    }

    [Test]
    public void IsMet_StableSamplesOlderThanTheWait_DoNotCount()
    {
        var cache = new TelemetryCache();
        Feed(cache, 0, 100, _ => 300);

        Assert.That(IsMet(Stable(seconds: 60), cache, firstFreshSecond: 70), Is.False, "only 30 s seen since the wait began");
        Assert.That(IsMet(Stable(seconds: 60), cache, firstFreshSecond: 40), Is.True);
        Assert.That(IsMet(Stable(seconds: 60), cache, firstFreshSecond: 101), Is.False, "no sample since the wait began");
    }

    [Test]
    public void IsMet_OneSampleOutsideTheBandInsideTheWindow_IsNotMet()
    {
        var cache = new TelemetryCache();
        Feed(cache, 0, 100, s => s == 80 ? 301.5 : 300);

        Assert.That(IsMet(Stable(maxRatePerMinute: 10), cache, 0), Is.False);
    }

    [Test]
    public void IsMet_WindowWithAGapAtItsStart_IsNotMet()
    {
        var cache = new TelemetryCache();
        Feed(cache, 0, 0, _ => 300);
        Feed(cache, 50, 100, _ => 300); // 60 s window from 40 s: first sample 10 s late, more than 5 % of the window

        Assert.That(IsMet(Stable(seconds: 60), cache, 0), Is.False);
    }

    [TestCase(301.0, true)]
    [TestCase(299.0, true)]
    [TestCase(301.01, false)]
    [TestCase(298.9, false)]
    [TestCase(double.NaN, false)]
    public void Holds_NearWithTolerance_IncludesTheBandEdges(double value, bool holds)
    {
        var condition = new WaitCondition { Parameter = Temp, Near = ValueExpression.Literal(300), Tolerance = 1 };

        Assert.That(condition.Holds(value, VariableScope.Empty), Is.EqualTo(holds));
    }

    [TestCase(500, 500.5, true)]
    [TestCase(500, 500, false)]
    [TestCase(500, 499.9, false)]
    public void Holds_Above_IsStrict(double bound, double value, bool holds) =>
        Assert.That(new WaitCondition { Parameter = Temp, Above = ValueExpression.Literal(bound) }.Holds(value, VariableScope.Empty), Is.EqualTo(holds));

    [TestCase(1000, 999.9, true)]
    [TestCase(1000, 1000, false)]
    public void Holds_Below_IsStrict(double bound, double value, bool holds) =>
        Assert.That(new WaitCondition { Parameter = Temp, Below = ValueExpression.Literal(bound) }.Holds(value, VariableScope.Empty), Is.EqualTo(holds));

    [TestCase(1, 1, true)]
    [TestCase(1, 2, false)]
    [TestCase(1, 1.0000001, false)]
    public void Holds_Equals_IsExact(double expected, double value, bool holds) =>
        Assert.That(new WaitCondition { Parameter = "MODE", EqualTo = expected }.Holds(value, VariableScope.Empty), Is.EqualTo(holds));

    [TestCase(0b001, 0b001, true)]
    [TestCase(0b001, 0b101, true)]
    [TestCase(0b110, 0b100, false)]
    [TestCase(0b110, 0b111, true)]
    [TestCase(0b001, 0b000, false)]
    public void Holds_BitsSet_NeedsEveryBit(int bits, double value, bool holds) =>
        Assert.That(new WaitCondition { Parameter = "FAULT_FLAGS", BitsSet = bits }.Holds(value, VariableScope.Empty), Is.EqualTo(holds));

    [Test]
    public void Holds_NearAVariable_UsesTheValueInScope()
    {
        var condition = new WaitCondition { Parameter = Temp, Near = new ValueExpression("setpoint", 10), Tolerance = 0.5 };
        VariableScope scope = VariableScope.Empty.With("setpoint", 400);

        Assert.That(condition.Holds(410.4, scope), Is.True);
        Assert.That(condition.Holds(400, scope), Is.False);
    }

    [Test]
    public void IsMet_NoFreshSample_SaysSo()
    {
        var condition = new WaitCondition { Parameter = Temp, Above = ValueExpression.Literal(0) };

        bool met = condition.IsMet(new TelemetryCache(), s_t0, VariableScope.Empty, out string state);

        Assert.That(met, Is.False);
        Assert.That(state, Is.EqualTo("CONTROL_TEMP: no fresh sample"));
    }

    [Test]
    public void Slope_LinearSeries_IsItsRatePerSecond()
    {
        TelemetrySample[] samples = Enumerable.Range(0, 30).Select(s => new TelemetrySample(Temp, 20 + (0.25 * s), s_t0.AddSeconds(s * 2))).ToArray();

        Assert.That(WaitCondition.Slope(samples), Is.EqualTo(0.125).Within(1e-12));
    }
}
