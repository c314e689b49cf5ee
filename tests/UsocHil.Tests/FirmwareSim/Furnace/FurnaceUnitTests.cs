using MathNet.Numerics;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Furnace;

public sealed class FurnaceUnitTests
{
    private static readonly FurnaceThermalModel Model = new();

    [Test]
    public void FromSerialNumber_SameSeed_SameErrorsAndLags()
    {
        FurnaceUnit a = FurnaceUnit.FromSerialNumber(1234, Model);
        FurnaceUnit b = FurnaceUnit.FromSerialNumber(1234, Model);

        Assert.That(a.Errors, Is.EqualTo(b.Errors));
        Assert.That(a.Lags, Is.EqualTo(b.Lags));
    }

    [Test]
    public void FromSerialNumber_DifferentSeeds_DifferentErrors()
    {
        FurnaceUnit a = FurnaceUnit.FromSerialNumber(1, Model);
        FurnaceUnit b = FurnaceUnit.FromSerialNumber(2, Model);

        for (int i = 0; i < FurnaceUnit.ThermocoupleCount; i++)
        {
            Assert.That(a.Errors[i].OffsetKelvin, Is.Not.EqualTo(b.Errors[i].OffsetKelvin));
            Assert.That(a.Errors[i].GainError, Is.Not.EqualTo(b.Errors[i].GainError));
            Assert.That(a.Errors[i].QuadraticPerKelvin, Is.Not.EqualTo(b.Errors[i].QuadraticPerKelvin));
        }
    }

    [Test]
    public void FromSerialNumber_ManySeeds_ErrorsWithinManufacturingTolerancesAndSpreadOverThem()
    {
        var offsets = new List<double>();
        for (int seed = 1; seed <= 200; seed++)
        {
            FurnaceUnit unit = FurnaceUnit.FromSerialNumber(seed, Model);
            foreach (ThermocoupleErrors e in unit.Errors)
            {
                Assert.That(Math.Abs(e.OffsetKelvin), Is.LessThanOrEqualTo(ThermocoupleErrors.MaxOffsetKelvin));
                Assert.That(Math.Abs(e.GainError), Is.LessThanOrEqualTo(ThermocoupleErrors.MaxGainError));
                Assert.That(Math.Abs(e.QuadraticPerKelvin * 800 * 800), Is.LessThanOrEqualTo(1.0 + 1e-12));
                offsets.Add(e.OffsetKelvin);
            }

            Assert.That(unit.Lags, Has.All.InRange(Model.ThermocoupleLagMin, Model.ThermocoupleLagMax));
        }

        Assert.That(offsets.Min(), Is.LessThan(-4));
        Assert.That(offsets.Max(), Is.GreaterThan(4));
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(31337)]
    public void Errors_QuadraticInRaw_RepresentsTheInverseWellWithinCalibrationNeeds(int seed)
    {
        FurnaceUnit unit = FurnaceUnit.FromSerialNumber(seed, Model);
        double[] truth = [.. Enumerable.Range(0, 61).Select(i => 200.0 + (i * 10))];
        foreach (ThermocoupleErrors errors in unit.Errors)
        {
            double[] raw = [.. truth.Select(errors.Apply)];
            double[] c = Fit.Polynomial(raw, truth, 2);
            double worst = raw.Select((r, i) => Math.Abs(c[0] + (c[1] * r) + (c[2] * r * r) - truth[i])).Max();

            // The calibration's acceptance is 0.3 K; the model leaves nearly all of it to noise and the reference.
            Assert.That(worst, Is.LessThan(0.01));
        }
    }
}
