using UsocHil.Cli.Running;
using UsocHil.Description;

namespace UsocHil.Tests.Cli;

/// <summary>Values and durations as the operator reads them.</summary>
public sealed class ValueTextTests
{
    private static readonly ParameterDefinition Mode = new() { Id = 10, Name = "MODE", Type = "uint8", Enum = new Dictionary<string, string> { ["1"] = "IDLE", ["2"] = "HEATING" } };
    private static readonly ParameterDefinition Temperature = new() { Id = 12, Name = "CONTROL_TEMP", Type = "float32", Unit = "degC" };
    private static readonly ParameterDefinition Flags = new() { Id = 11, Name = "FAULT_FLAGS", Type = "uint8" };

    [Test]
    public void Of_EnumeratedParameter_ItsDictionaryName() => Assert.That(ValueText.Of(Mode, 2), Is.EqualTo("HEATING"));

    [Test]
    public void Of_ValueNotInTheEnumeration_TheNumber() => Assert.That(ValueText.Of(Mode, 7), Is.EqualTo("7"));

    [Test]
    public void Of_ParameterWithAUnit_SixDigitsAndTheUnit() => Assert.That(ValueText.Of(Temperature, 499.92847442626953), Is.EqualTo("499.928 degC"));

    [Test]
    public void Of_ParameterWithoutAUnit_NoNullPrinted() => Assert.That(ValueText.Of(Flags, 0), Is.EqualTo("0"));

    [TestCase(0.35, "350 ms")]
    [TestCase(42, "42.0 s")]
    [TestCase(725, "12 min 05 s")]
    [TestCase(6960, "1 h 56 min")]
    public void Rig_AnyDuration_OneFormatSayingTheClock(double seconds, string expected) =>
        Assert.That(DurationText.Rig(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected + " of rig time"));
}
