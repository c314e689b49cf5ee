using UsocHil.Calibration.Thermocouples;

namespace UsocHil.Tests.Calibration.Thermocouples;

/// <summary>
/// Against the printed ITS-90 type K table (NIST Monograph 175, IEC 60584-1), which rounds to 1 µV: every value
/// computed from the coefficients must round to the printed one.
/// </summary>
public sealed class TypeKReferenceTests
{
    private readonly TypeKReference _k = new();

    [TestCase(-270, -6.458)]
    [TestCase(-200, -5.891)]
    [TestCase(-100, -3.554)]
    [TestCase(0, 0.000)]
    [TestCase(100, 4.096)]
    [TestCase(200, 8.138)]
    [TestCase(400, 16.397)]
    [TestCase(500, 20.644)]
    [TestCase(600, 24.905)]
    [TestCase(800, 33.275)]
    [TestCase(1000, 41.276)]
    [TestCase(1372, 54.886)]
    public void EmfMillivolts_TablePoint_RoundsToThePrintedValue(double celsius, double tableMillivolts) =>
        Assert.That(_k.EmfMillivolts(celsius), Is.EqualTo(tableMillivolts).Within(0.0005));

    [Test]
    public void EmfMillivolts_At100_NeedsTheExponentialTerm()
    {
        // Without a0 exp(a1 (t - a2)^2) the polynomial alone is 0.11 mV (2.7 K) short of the table at 100 degC.
        double exponential = 0.1185976 * Math.Exp(-0.1183432E-03 * (100 - 126.9686) * (100 - 126.9686));
        Assert.That(_k.EmfMillivolts(100) - exponential, Is.EqualTo(4.096 - exponential).Within(0.0005));
        Assert.That(exponential, Is.GreaterThan(0.1));
    }

    [TestCase(4.096, 100)]
    [TestCase(20.644, 500)]
    [TestCase(41.276, 1000)]
    [TestCase(-5.891, -200)]
    public void Celsius_TableEmf_GivesTheTableTemperatureWithinItsRounding(double millivolts, double celsius) =>
        // 0.5 µV of table rounding over a Seebeck coefficient of at least 15 µV/K: 0.035 K.
        Assert.That(_k.Celsius(millivolts), Is.EqualTo(celsius).Within(0.035));

    [Test]
    public void Celsius_OfEmf_InvertsItToANanokelvin()
    {
        for (double t = -265; t <= 1370; t += 7.5)
        {
            Assert.That(_k.Celsius(_k.EmfMillivolts(t)), Is.EqualTo(t).Within(1e-9), $"{t} degC");
        }
    }

    [Test]
    public void ApproximateCelsius_StandardsInversePolynomials_WithinTheirStatedError()
    {
        for (double t = -200; t <= 1372; t += 10)
        {
            Assert.That(TypeKReference.ApproximateCelsius(_k.EmfMillivolts(t)), Is.EqualTo(t).Within(0.06), $"{t} degC");
        }
    }

    [TestCase(-150)]
    [TestCase(-0.5)]
    [TestCase(0.5)]
    [TestCase(127)]
    [TestCase(700)]
    [TestCase(1300)]
    public void SeebeckMillivoltsPerKelvin_IsTheSlopeOfTheEmf(double celsius)
    {
        double h = 1e-4;
        double numeric = (_k.EmfMillivolts(celsius + h) - _k.EmfMillivolts(celsius - h)) / (2 * h);
        Assert.That(_k.SeebeckMillivoltsPerKelvin(celsius), Is.EqualTo(numeric).Within(1e-8));
    }

    [TestCase(-271)]
    [TestCase(1373)]
    [TestCase(double.NaN)]
    public void EmfMillivolts_OutsideTheFunctionsRange_Throws(double celsius) =>
        Assert.That(() => _k.EmfMillivolts(celsius), Throws.TypeOf<ArgumentOutOfRangeException>().With.Message.Contains("type K"));

    [Test]
    public void ThermocoupleReferences_K_IsRegistered()
    {
        Assert.That(ThermocoupleReferences.TryGet("K", out IThermocoupleReference k), Is.True);
        Assert.That(k.Type, Is.EqualTo("K"));
        Assert.That(ThermocoupleReferences.TryGet("Q", out _), Is.False);
    }
}
