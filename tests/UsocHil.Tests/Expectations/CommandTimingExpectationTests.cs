using UsocHil.Expectations;
using UsocHil.Description;

namespace UsocHil.Tests.Expectations;

public sealed class CommandTimingExpectationTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [TestCase(0.2, 1.5, Verdict.Pass, 0.3, Verdict.Pass, 0.5)]
    [TestCase(0.6, 2.5, Verdict.Marginal, -0.1, Verdict.Marginal, -0.5)]
    [TestCase(0.8, 3.5, Verdict.Fail, -0.3, Verdict.Fail, -1.5)]
    public void Evaluate_Delays_VerdictsAndMargins(double accepted, double completed, Verdict acceptance, double acceptanceMargin, Verdict completion, double completionMargin)
    {
        var expectation = new CommandTimingExpectation(new Tolerance(0.5, 0.7), new Tolerance(2.0, 3.0));

        IReadOnlyList<JudgedResult> results = expectation.Evaluate("HEATER_ON", Sent, Sent.AddSeconds(accepted), Sent.AddSeconds(completed));

        Assert.That(results.Select(r => r.Verdict), Is.EqualTo(new[] { acceptance, completion }));
        Assert.That(results[0].Margin, Is.EqualTo(acceptanceMargin).Within(1e-6));
        Assert.That(results[1].Margin, Is.EqualTo(completionMargin).Within(1e-6));
        Assert.That(results[0].Expectation, Is.EqualTo("command HEATER_ON acceptance"));
    }

    [Test]
    public void Evaluate_NeverCompleted_FailsSayingSo()
    {
        var expectation = new CommandTimingExpectation(new CommandVerificationTiming(0.5, 2.0));

        IReadOnlyList<JudgedResult> results = expectation.Evaluate("HEATER_ON", Sent, Sent.AddSeconds(0.1), null);

        Assert.That(results[0].Verdict, Is.EqualTo(Verdict.Pass));
        Assert.That(results[1].Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(results[1].Message, Does.Contain("no completion"));
    }
}
