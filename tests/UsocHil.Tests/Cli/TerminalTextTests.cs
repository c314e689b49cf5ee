using UsocHil.Cli;

namespace UsocHil.Tests.Cli;

public sealed class TerminalTextTests
{
    [TestCase("heating to 300 °C", "heating to 300 °C")]
    [TestCase("\u001b]0;owned\u0007title", "\\x1b]0;owned\\x07title")]
    [TestCase("\u001b[2Jcleared", "\\x1b[2Jcleared")]
    [TestCase("passed\rFAILED", "passed\\rFAILED")]
    [TestCase("a\nb\tc", "a\\nb\\tc")]
    [TestCase("\u009b31mred", "\\x9b31mred")]
    [TestCase("\u007f", "\\x7f")]
    [TestCase("abc\u202edcba", "abc\\u202edcba")]
    public void Escape_ControlAndBidiCharacters_ShownAsEscapes(string text, string shown)
    {
        Assert.That(TerminalText.Escape(text), Is.EqualTo(shown));
    }

    [Test]
    public void Escape_Null_IsEmpty() => Assert.That(TerminalText.Escape(null), Is.Empty);
}
