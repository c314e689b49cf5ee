using System.Globalization;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.Rigs;

namespace UsocHil.IntegrationTests.Sequencing.Bench;

/// <summary>The bench's discrete lines and its supply, plus a reference probe reading the true core temperature.</summary>
internal sealed class BenchLinesAndInstruments(FurnaceBench bench, int seed) : IRigLines, IRigInstruments
{
    private readonly Random _noise = new(seed);

    public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        switch (line)
        {
            case "POWER_EN": bench.PowerEnable = asserted; break;
            case "HEATER_ARM": bench.HeaterArm = asserted; break;
            default: throw new ArgumentException($"no line {line}");
        }

        return Task.CompletedTask;
    }

    public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) =>
        Task.FromResult(line == "FAULT_N" ? bench.Run(b => b.Controller.FaultLineAsserted) : throw new ArgumentException($"no input {line}"));

    public Task WriteAsync(string instrument, string command, CancellationToken cancellationToken)
    {
        string[] parts = command.Split(' ', 2);
        bench.Run(b =>
        {
            switch (parts[0])
            {
                case "VOLT": b.Supply.VoltageSetpoint = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
                case "CURR": b.Supply.CurrentLimit = double.Parse(parts[1], CultureInfo.InvariantCulture); break;
                case "OUTP": b.Supply.OutputOn = parts[1] == "ON"; break;
                default: throw new ArgumentException($"{instrument}: unsupported {command}");
            }
        });
        return Task.CompletedTask;
    }

    public Task<string> QueryAsync(string instrument, string query, CancellationToken cancellationToken)
    {
        double core = bench.Run(b => b.Physics.CoreCelsius);
        double reading;
        lock (_noise)
        {
            reading = core + (0.01 * ((_noise.NextDouble() * 2) - 1));
        }

        return Task.FromResult(reading.ToString("F4", CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
