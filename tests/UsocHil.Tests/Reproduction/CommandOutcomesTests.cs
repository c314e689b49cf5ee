using UsocHil.Reproduction;
using UsocHil.Rigs;
using UsocHil.Timelines;

namespace UsocHil.Tests.Reproduction;

/// <summary>A re-issued command's ground outcome against the flight unit's reports: alike passes, alike failures (same code) pass, the rest differ.</summary>
public sealed class CommandOutcomesTests
{
    private static readonly Dictionary<string, double> None = [];

    private static TimelineCommand Flight(TimelineVerification? verification) => new(12.5, "HEATER_ON", None) { Verification = verification };

    private static CommandRecord Ground(int? failureCode, string stage = "acceptance") =>
        new("HEATER_ON", None, failureCode is null, null, null, failureCode is null ? null : $"HEATER_ON failed at {stage}: failure code {failureCode}", DateTimeOffset.UnixEpoch)
        { FailureCode = failureCode, FailureStage = failureCode is null ? null : stage };

    [Test]
    public void Difference_BothPassed_OrNoFlightReportAndAGroundPass_None()
    {
        Assert.That(CommandOutcomes.Difference(Flight(new TimelineVerification("acceptance", true)), Ground(null)), Is.Null, "the stage a success reached is not compared");
        Assert.That(CommandOutcomes.Difference(Flight(null), Ground(null)), Is.Null);
    }

    [Test]
    public void Difference_BothFailedWithTheSameCode_None_AndRecordedAsAlike()
    {
        Assert.That(CommandOutcomes.Difference(Flight(new TimelineVerification("acceptance", false, 4)), Ground(4)), Is.Null);
        Assert.That(CommandOutcomes.FailedAlike(Flight(null), Ground(4)), Is.EqualTo("HEATER_ON at flight offset 12.5 s failed on the ground as in flight (failure code 4)"));
    }

    [TestCase(false, 4, null, "HEATER_ON at flight offset 12.5 s failed in flight at acceptance (failure code 4), passed on the ground")]
    [TestCase(true, null, 4, "HEATER_ON at flight offset 12.5 s passed in flight, failed on the ground: HEATER_ON failed at acceptance: failure code 4")]
    [TestCase(false, 4, 5, "HEATER_ON at flight offset 12.5 s failed in flight (failure code 4), on the ground with another failure: HEATER_ON failed at acceptance: failure code 5")]
    public void Difference_OutcomesDiffer_OneLineNamingCommandOffsetAndCodes(bool flightPassed, int? flightCode, int? groundCode, string expected)
    {
        string? difference = CommandOutcomes.Difference(Flight(new TimelineVerification("acceptance", flightPassed, flightCode)), Ground(groundCode));

        Assert.That(difference, Is.EqualTo(expected));
        Assert.That(difference, Does.Contain(CommandOutcomes.Marker));
    }

    [Test]
    public void Difference_NoFlightReportAndAGroundFailure_Differs()
    {
        Assert.That(CommandOutcomes.Difference(Flight(null), Ground(4)), Is.EqualTo("HEATER_ON at flight offset 12.5 s failed on the ground: HEATER_ON failed at acceptance: failure code 4"));
    }

    [Test]
    public void Difference_SameCodeAtAnotherStage_Differs()
    {
        string? difference = CommandOutcomes.Difference(Flight(new TimelineVerification("acceptance", false, 4)), Ground(4, "completion"));

        Assert.That(difference, Is.EqualTo("HEATER_ON at flight offset 12.5 s failed in flight at acceptance (failure code 4), on the ground at completion"));
    }
}
