using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Truth;
using UsocHil.Tests.FirmwareSim.Furnace;

namespace UsocHil.Tests.FirmwareSim.Truth;

public sealed class TruthWriterTests
{
    [Test]
    public void Write_WhileBenchRuns_ReadableLineByLineWithTheUnitsErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"usochil-truth-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var driver = BenchDriver.Create(new FurnaceBenchOptions { SerialNumber = 21, TruthPath = path });
            driver.Advance(TimeSpan.FromSeconds(5));

            IReadOnlyList<TruthRecord> records = TruthWriter.ReadAll(path);

            Assert.That(records.Select(r => r.RigSeconds), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0, 5.0 }).Within(1e-9));
            FurnaceUnit unit = FurnaceUnit.FromSerialNumber(21, new FurnaceThermalModel());
            Assert.That(records[0].Thermocouples.Select(t => t.OffsetKelvin), Is.EqualTo(unit.Errors.Select(e => e.OffsetKelvin)));
            Assert.That(records[0].Mode, Is.EqualTo("Unpowered"));
            Assert.That(records[0].SerialNumber, Is.EqualTo(21));
            Assert.That(File.ReadLines(path).First(), Does.StartWith("{\"rigSeconds\":1,"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
