using UsocHil.Description;
using UsocHil.Expectations;

namespace UsocHil.Tests.Expectations;

/// <summary>
/// Delta limits judged on the change between consecutive samples (per second of rig time or per sample), and limits
/// checked only while another parameter has a value, as the continuous monitor sees them.
/// </summary>
public sealed class DeltaAndConditionalLimitTests
{
    private static readonly DeltaLimitDefinition FivePerSecond = new() { Yellow = 2, Red = 5, Per = DeltaBasis.Second };

    /// <summary>Feeds (seconds, value) samples of one parameter; the transitions as "From>To".</summary>
    private static string Feed(LimitMonitor monitor, string parameter, params (double Seconds, double Value)[] samples)
    {
        var transitions = new List<LimitTransition>();
        foreach ((double seconds, double value) in samples)
        {
            monitor.Observe(parameter, value, seconds, transitions);
        }

        return string.Join(",", transitions.Select(t => $"{t.From}>{t.To}"));
    }

    [Test]
    public void DeltaPerSecond_FastRise_TripsRed_WithTheRateThatTrippedIt()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Yellow = [0, 1000], Red = [-20, 1040], Delta = FivePerSecond }]);
        var transitions = new List<LimitTransition>();

        monitor.Observe("TC1", 100, 10, transitions);
        monitor.Observe("TC1", 112, 12, transitions);

        LimitTransition red = transitions.Single();
        Assert.That((red.From, red.To, red.Value, red.Change), Is.EqualTo((LimitLevel.Nominal, LimitLevel.Red, 112.0, (double?)6.0)));
    }

    [Test]
    public void DeltaPerSecond_TheSameStepOverLongerTime_StaysNominal()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Delta = FivePerSecond }]);

        Assert.That(Feed(monitor, "TC1", (10, 100), (16, 112), (22, 124)), Is.Empty);
    }

    [Test]
    public void DeltaPerSecond_SlowerRise_IsYellow_AndClearsWhenTheRateFalls()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Delta = FivePerSecond }]);

        Assert.That(Feed(monitor, "TC1", (0, 100), (1, 103), (2, 106), (3, 107)), Is.EqualTo("Nominal>Yellow,Yellow>Nominal"));
    }

    [Test]
    public void DeltaPerSample_IgnoresTime_AndAFallCountsLikeARise()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "P", Delta = new DeltaLimitDefinition { Yellow = 1, Red = 3, Per = DeltaBasis.Sample } }]);

        Assert.That(Feed(monitor, "P", (0, 10), (100, 11), (200, 6)), Is.EqualTo("Nominal>Red"));
    }

    [Test]
    public void Delta_WithPersistence_OneJumpDoesNotTrip_ASustainedRunawayDoes()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Delta = FivePerSecond, Persistence = 2 }]);

        Assert.That(Feed(monitor, "TC1", (0, 100), (1, 110), (2, 110), (3, 110)), Is.Empty);
        Assert.That(Feed(monitor, "TC1", (4, 120), (5, 130)), Is.EqualTo("Nominal>Red"));
    }

    [Test]
    public void Delta_FirstSampleAndSamplesWithoutTime_AreNotJudged()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Delta = FivePerSecond }]);

        Assert.That(Feed(monitor, "TC1", (5, 1000), (5, 2000)), Is.Empty, "no rig time between the two samples: no rate to judge");
    }

    [Test]
    public void Conditional_ChecksOnlyWhileItsConditionHolds()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Yellow = [0, 300], Red = [-20, 350], When = new LimitCondition { Parameter = "HEATER_MODE", Value = 1 } }]);

        Assert.That(Feed(monitor, "TC1", (0, 400)), Is.Empty, "no HEATER_MODE sample yet: the limit does not apply");
        monitor.Note("HEATER_MODE", 0);
        Assert.That(Feed(monitor, "TC1", (1, 400)), Is.Empty, "HEATER_MODE 0: the limit does not apply");
        monitor.Note("HEATER_MODE", 1);
        Assert.That(Feed(monitor, "TC1", (2, 400)), Is.EqualTo("Nominal>Red"));
        monitor.Note("HEATER_MODE", 0);
        Assert.That(Feed(monitor, "TC1", (3, 400)), Is.EqualTo("Red>Nominal"), "a limit that stops applying clears");
    }

    [Test]
    public void Conditional_TwoLimitsOnOneParameter_EachUnderItsOwnMode()
    {
        var monitor = new LimitMonitor(
        [
            new LimitDefinition { Parameter = "V", Yellow = [12.6, 14.0], Red = [12.35, 14.34], When = new LimitCondition { Parameter = "CHARGING", Value = 1 } },
            new LimitDefinition { Parameter = "V", Yellow = [12.35, 12.6], Red = [12.1, 13.0], When = new LimitCondition { Parameter = "CHARGING", Value = 0 } },
        ]);
        var transitions = new List<LimitTransition>();

        monitor.Note("CHARGING", 1);
        monitor.Observe("V", 13.5, 0, transitions);
        Assert.That(transitions, Is.Empty, "13.5 V is nominal while charging");
        monitor.Note("CHARGING", 0);
        monitor.Observe("V", 13.5, 1, transitions);

        LimitTransition red = transitions.Single();
        Assert.That((red.To, red.Condition), Is.EqualTo((LimitLevel.Red, "CHARGING = 0")));
    }

    [Test]
    public void Conditional_DeltaIsMeasuredFromTheLastSample_EvenOneTakenWhileTheLimitDidNotApply()
    {
        var monitor = new LimitMonitor([new LimitDefinition { Parameter = "TC1", Delta = FivePerSecond, When = new LimitCondition { Parameter = "MODE", Value = 2 } }]);

        Assert.That(Feed(monitor, "TC1", (0, 100), (1, 200)), Is.Empty);
        monitor.Note("MODE", 2);
        Assert.That(Feed(monitor, "TC1", (2, 201)), Is.Empty, "1/s since the last sample, not 101/2 s since one taken before");
        Assert.That(Feed(monitor, "TC1", (3, 210)), Is.EqualTo("Nominal>Red"));
    }

    [Test]
    public void Constructor_TwoLimitsOnOneParameterUnderTheSameCondition_IsRefused()
    {
        LimitCondition mode = new() { Parameter = "MODE", Value = 1 };

        Assert.That(() => new LimitMonitor([new LimitDefinition { Parameter = "T", Delta = FivePerSecond, When = mode }, new LimitDefinition { Parameter = "T", Yellow = [0, 1], Red = [0, 2], When = mode with { } }]),
            Throws.ArgumentException.With.Message.Contains("two limits on T while MODE = 1"));
    }
}
