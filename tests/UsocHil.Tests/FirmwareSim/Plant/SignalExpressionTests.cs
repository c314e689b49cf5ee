using UsocHil.FirmwareSim.Plant;

namespace UsocHil.Tests.FirmwareSim.Plant;

public sealed class SignalExpressionTests
{
    private static readonly string[] s_names = ["A", "B", "LID"];

    private static double Evaluate(string formula, params double[] values) =>
        SignalExpression.Compile(formula, name => Array.IndexOf(s_names, name) is >= 0 and var i ? i : throw new KeyNotFoundException(name))(values);

    [TestCase("1 + 2 * 3", 7)]
    [TestCase("(1 + 2) * 3", 9)]
    [TestCase("-A + B / 2", 1)]
    [TestCase("A > 1 && B >= 6 ? 10 : 20", 10)]
    [TestCase("!LID || A == 3", 0)]
    [TestCase("A != 2", 0)]
    [TestCase("clamp(B, 0, 4) + min(A, 1) + max(A, 1) + abs(-2) + pow(2, 3) + sqrt(4) + sign(-A)", 18)]
    [TestCase("1.5e3 / 1000", 1.5)]
    public void Compile_Formula_FollowsPrecedence(string formula, double expected) =>
        Assert.That(Evaluate(formula, 2, 6, 1), Is.EqualTo(expected).Within(1e-12));

    [TestCase("A + NOPE", "unknown signal 'NOPE'")]
    [TestCase("A +", "ends too early")]
    [TestCase("A )", "unexpected ')'")]
    [TestCase("median(A)", "unknown function median")]
    public void Compile_BadFormula_SaysWhatAndWhere(string formula, string reason)
    {
        var error = Assert.Throws<FormatException>(() => Evaluate(formula, 0, 0, 0))!;
        Assert.That(error.Message, Does.Contain(reason).And.Contain($"'{formula}'"));
    }
}
