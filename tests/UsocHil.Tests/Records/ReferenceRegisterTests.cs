using UsocHil.Configuration;
using UsocHil.Description;
using UsocHil.Records;

namespace UsocHil.Tests.Records;

public sealed class ReferenceRegisterTests
{
    private static readonly DateOnly Today = new(2026, 12, 5);

    private static LoadedRig Furnace(bool emulated) =>
        new(TestRigs.FurnaceName, TestRigs.FurnaceDirectory, TestRigs.Furnace(), new RigBinding { Emulated = emulated });

    private static StationConfig Station(params RegisteredInstrument[] register) => new()
    {
        Rigs = new Dictionary<string, RigBinding>(),
        Register = register,
    };

    private static RegisteredInstrument Dmm(DateOnly due) => new()
    {
        Rig = TestRigs.FurnaceName,
        Instrument = "dmm",
        Serial = "DMM-0042",
        Certificate = "CAL-2025-117",
        Calibrated = due.AddYears(-1),
        Due = due,
        Uncertainty = 0.05,
    };

    [Test]
    public void Problems_ReferencePastItsDueDate_NamesInstrumentSerialCertificateAndDate()
    {
        IReadOnlyList<string> problems = ReferenceRegister.Problems(Station(Dmm(new DateOnly(2026, 12, 4))), Furnace(emulated: true), Today);

        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("dmm").And.Contain("DMM-0042").And.Contain("CAL-2025-117").And.Contain("2026-12-04"));
    }

    [Test]
    public void Problems_DueToday_NoProblem()
    {
        Assert.That(ReferenceRegister.Problems(Station(Dmm(Today)), Furnace(emulated: false), Today), Is.Empty);
    }

    [TestCase(false, 1)]
    [TestCase(true, 0)]
    public void Problems_ReferenceNotRegistered_RefusedOnARealRigOnly(bool emulated, int count)
    {
        Assert.That(ReferenceRegister.Problems(Station(), Furnace(emulated), Today), Has.Count.EqualTo(count));
    }

    [Test]
    public void Describe_RegisteredReference_SerialCertificateAndDue()
    {
        Assert.That(ReferenceRegister.Describe(Station(Dmm(new DateOnly(2027, 3, 1))), Furnace(emulated: false)),
            Is.EqualTo("dmm serial DMM-0042, certificate CAL-2025-117, calibrated 2026-03-01, due 2027-03-01"));
    }
}
