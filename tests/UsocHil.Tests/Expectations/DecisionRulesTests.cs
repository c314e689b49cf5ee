using UsocHil.Expectations;
using UsocHil.Uncertainty;

namespace UsocHil.Tests.Expectations;

public sealed class DecisionRulesTests
{
    // |Δ| = 0.25 K against ±0.3 K with U = 0.1 K: inside the tolerance, but not by U.
    [TestCase(DecisionRule.SimpleAcceptance, 0.25, Verdict.Pass)]
    [TestCase(DecisionRule.GuardBanded, 0.25, Verdict.Fail)]
    [TestCase(DecisionRule.ThreeState, 0.25, Verdict.Inconclusive)]
    [TestCase(DecisionRule.GuardBanded, -0.15, Verdict.Pass)]
    [TestCase(DecisionRule.ThreeState, 0.15, Verdict.Pass)]
    [TestCase(DecisionRule.ThreeState, -0.35, Verdict.Inconclusive)]
    [TestCase(DecisionRule.ThreeState, 0.45, Verdict.Fail)]
    [TestCase(DecisionRule.SimpleAcceptance, 0.35, Verdict.Fail)]
    public void Decide_DeviationAgainstPointThreeKelvinWithUPointOne_VerdictOfTheRule(DecisionRule rule, double deviation, Verdict verdict)
    {
        var (actual, _) = DecisionRules.Decide(rule, deviation, -0.3, 0.3, 0.1);

        Assert.That(actual, Is.EqualTo(verdict));
    }

    [Test]
    public void Judged_GuardBanded_RecordsRuleUncertaintyAndMarginToTheAcceptanceLimit()
    {
        JudgedResult result = DecisionRules.Judged("TC1_TEMP - dmm", ["TC1_TEMP", "dmm"], 0.25, "degC", -0.3, 0.3,
            DecisionRule.GuardBanded, ExpandedUncertainty.Declared(0.1));

        Assert.That(result.Verdict, Is.EqualTo(Verdict.Fail));
        Assert.That(result.Margin, Is.EqualTo(-0.05).Within(1e-12));
        Assert.That(result.DecisionRule, Is.EqualTo(DecisionRule.GuardBanded));
        Assert.That(result.Uncertainty?.Expanded, Is.EqualTo(0.1));
        Assert.That(result.Message, Does.Contain("guard-banded"));
    }

    [TestCase("simple", DecisionRule.SimpleAcceptance)]
    [TestCase("guard-banded", DecisionRule.GuardBanded)]
    [TestCase("three-state", DecisionRule.ThreeState)]
    public void TryParse_Word_RuleAndBack(string word, DecisionRule rule)
    {
        Assert.That(DecisionRules.TryParse(word, out DecisionRule parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(rule));
        Assert.That(parsed.Word(), Is.EqualTo(word));
    }
}
