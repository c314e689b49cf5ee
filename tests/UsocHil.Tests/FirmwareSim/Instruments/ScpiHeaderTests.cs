using UsocHil.FirmwareSim.Instruments.Scpi;

namespace UsocHil.Tests.FirmwareSim.Instruments;

public sealed class ScpiHeaderTests
{
    [TestCase("MEAS:VOLT?", true)]
    [TestCase("meas:volt?", true)]
    [TestCase("MEASure:VOLTage?", true)]
    [TestCase(":MEAS:SCAL:VOLT:DC?", true)]
    [TestCase("MEAS:VOLT:DC?", true)]
    [TestCase("MEAS:VOLT", false)]
    [TestCase("MEASU:VOLT?", false)]
    [TestCase("MEAS:CURR?", false)]
    [TestCase("MEAS?", false)]
    public void Matches_ShortLongAndOptionalForms(string header, bool expected) =>
        Assert.That(new ScpiHeader("MEASure[:SCALar]:VOLTage[:DC]?").Matches(header), Is.EqualTo(expected));

    [TestCase("VOLT", true)]
    [TestCase("SOUR:VOLT", true)]
    [TestCase("source:voltage:level", true)]
    [TestCase("VOLT?", false)]
    public void Matches_LeadingOptionalNode(string header, bool expected) =>
        Assert.That(new ScpiHeader("[SOURce:]VOLTage[:LEVel]").Matches(header), Is.EqualTo(expected));

    [Test]
    public void Matches_CommonCommand() => Assert.That(new ScpiHeader("*IDN?").Matches("*idn?"), Is.True);
}
