using UsocHil.Expectations;

namespace UsocHil.Tests.Expectations;

/// <summary>One verdict for check, step, run and archive, ordered as OpenTAP orders it: combining keeps the worst.</summary>
public sealed class VerdictOrderTests
{
    [Test]
    public void Verdicts_AreOrderedFromNotSetToError()
    {
        Verdict[] order = [Verdict.NotSet, Verdict.Pass, Verdict.Marginal, Verdict.Inconclusive, Verdict.Fail, Verdict.Aborted, Verdict.Error];

        Assert.That(Enum.GetValues<Verdict>(), Is.EqualTo(order));
    }

    [TestCase(Verdict.Pass, Verdict.Marginal, Verdict.Marginal)]
    [TestCase(Verdict.Fail, Verdict.Marginal, Verdict.Fail)]
    [TestCase(Verdict.NotSet, Verdict.Pass, Verdict.Pass)]
    [TestCase(Verdict.Aborted, Verdict.Fail, Verdict.Aborted)]
    [TestCase(Verdict.Inconclusive, Verdict.Error, Verdict.Error)]
    public void Worst_OfTwo_IsTheLaterInTheOrder(Verdict a, Verdict b, Verdict worst)
    {
        Assert.That(VerdictOrder.Worst(a, b), Is.EqualTo(worst));
        Assert.That(VerdictOrder.Worst(b, a), Is.EqualTo(worst));
    }

    [Test]
    public void Worst_OfNone_IsNotSet_AndOfManyTheWorst()
    {
        Assert.That(VerdictOrder.Worst([]), Is.EqualTo(Verdict.NotSet));
        Assert.That(VerdictOrder.Worst([Verdict.Pass, Verdict.Marginal, Verdict.Pass]), Is.EqualTo(Verdict.Marginal));
    }

    [TestCase(Verdict.Pass, false)]
    [TestCase(Verdict.Marginal, false)]
    [TestCase(Verdict.Inconclusive, false)]
    [TestCase(Verdict.Fail, true)]
    [TestCase(Verdict.Aborted, true)]
    [TestCase(Verdict.Error, true)]
    public void IsFailing_FromFailOnwards(Verdict verdict, bool failing) => Assert.That(verdict.IsFailing(), Is.EqualTo(failing));

    [Test]
    public void ToText_Parse_RoundTripEveryVerdict()
    {
        foreach (Verdict verdict in Enum.GetValues<Verdict>())
        {
            Assert.That(VerdictOrder.Parse(verdict.ToText()), Is.EqualTo(verdict));
        }

        Assert.That(() => VerdictOrder.Parse("great"), Throws.TypeOf<FormatException>().With.Message.Contains("great"));
    }
}
