using System.Globalization;
using UsocHil.FirmwareSim.Instruments;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Instruments;

public sealed class MultimeterScpiTests
{
    [Test]
    public void Execute_MeasureTemperature_TrueCoreThroughTheProbesOwnErrorWithinStatedUncertainty()
    {
        using var driver = BenchDriver.Create().PowerUp();
        driver.Set("OPEN_LOOP_POWER", 300);
        driver.Command(c => c.ExecuteFunction(3, true));
        driver.AdvanceWithHeartbeat(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(10));
        var dmm = new MultimeterScpi(driver.Bench, "DMM0001", seed: 1);
        double truth = driver.Bench.Run(b => b.Physics.CoreCelsius);

        double[] readings = [.. Enumerable.Range(0, 400).Select(_ => double.Parse(dmm.Execute("MEAS:TEMP?")!, CultureInfo.InvariantCulture))];
        double mean = readings.Average();
        double sigma = Math.Sqrt(readings.Sum(r => (r - mean) * (r - mean)) / (readings.Length - 1));

        Assert.That(mean, Is.EqualTo(driver.Bench.Physics.Model.ReferenceReadingCelsius(truth)).Within(0.01), "the probe's own error");
        Assert.That(mean - truth, Is.InRange(-0.05, 0.05), "within the certificate's 0.05 K (k = 2)");
        Assert.That(sigma, Is.EqualTo(MultimeterScpi.StandardUncertaintyKelvin).Within(0.005));
        Assert.That(dmm.Execute("*IDN?"), Is.EqualTo("USOCHIL,DMM-REF,DMM0001,1.0"));
    }

    [Test]
    public void Execute_MeasureFourWireResistance_Pt100AtAmbient()
    {
        using var driver = BenchDriver.Create();
        var dmm = new MultimeterScpi(driver.Bench, "DMM0001", seed: 1);

        double ohms = double.Parse(dmm.Execute("MEAS:FRES?")!, CultureInfo.InvariantCulture);

        // IEC 60751: 107.794 Ω at 20 °C.
        Assert.That(ohms, Is.EqualTo(107.794).Within(0.02));
    }
}
