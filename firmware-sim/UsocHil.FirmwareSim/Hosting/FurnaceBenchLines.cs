using UsocHil.FirmwareSim.Furnace;
using UsocHil.Rigs;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// The emulated furnace's discrete lines driven in-process, for an emulator started without its pigpiod endpoint;
/// with one, the lines go through the GPIO server like hardware.
/// </summary>
internal sealed class FurnaceBenchLines(FurnaceBench bench) : IRigLines
{
    public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken)
    {
        switch (line)
        {
            case "POWER_EN":
                bench.PowerEnable = asserted;
                break;
            case "HEATER_ARM":
                bench.HeaterArm = asserted;
                break;
            default:
                throw new KeyNotFoundException($"the emulated furnace has no output line {line}");
        }

        return Task.CompletedTask;
    }

    public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) =>
        line == "FAULT_N" ? Task.FromResult(bench.Run(b => b.Controller.FaultLineAsserted)) : throw new KeyNotFoundException($"the emulated furnace has no input line {line}");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
