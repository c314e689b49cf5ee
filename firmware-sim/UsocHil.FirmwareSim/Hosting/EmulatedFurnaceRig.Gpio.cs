using Serilog;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>The discrete lines on the pigpiod-compatible server (waits for the links engineer's PigpiodServer).</summary>
public sealed partial class EmulatedFurnaceRig
{
    private int? StartGpio(ILogger log)
    {
        log.Warning("GPIO server not available in this build: drive POWER_EN and HEATER_ARM through the bench");
        return null;
    }
}
