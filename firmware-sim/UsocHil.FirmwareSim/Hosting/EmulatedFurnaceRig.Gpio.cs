using Serilog;
using UsocHil.FirmwareSim.Pigpiod;
using UsocHil.Description;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>
/// The discrete lines on a pigpiod-compatible server, wired at rig.json's default pins: the harness' writes to
/// POWER_EN and HEATER_ARM reach the bench; the controller drives FAULT_N (active low; the furnace board pulls it up,
/// so it reads high, no fault, while the furnace is unpowered).
/// </summary>
public sealed partial class EmulatedFurnaceRig
{
    /// <summary>The GPIO adapter's pins; null when GPIO is not served.</summary>
    public EmulatedPinBank? Pins { get; private set; }

    private int? StartGpio(TimeProvider time, ILogger log)
    {
        var pins = new EmulatedPinBank();
        GpioLineDefinition powerEnable = Line("POWER_EN");
        GpioLineDefinition heaterArm = Line("HEATER_ARM");
        GpioLineDefinition faultLine = Line("FAULT_N");
        pins.HarnessChanged += (_, e) =>
        {
            if (e.Pin == powerEnable.DefaultPin)
            {
                Bench.PowerEnable = e.High != powerEnable.ActiveLow;
            }
            else if (e.Pin == heaterArm.DefaultPin)
            {
                Bench.HeaterArm = e.High != heaterArm.ActiveLow;
            }
        };
        Bench.FaultLineChanged += asserted => pins.Drive(faultLine.DefaultPin, asserted != faultLine.ActiveLow);
        pins.Drive(faultLine.DefaultPin, Bench.Run(b => b.Controller.FaultLineAsserted) != faultLine.ActiveLow);
        Pins = pins;
        PigpiodServer server = Own(new PigpiodServer(pins, time, log, port: Options.GpioPort));
        return server.Port;
    }

    private GpioLineDefinition Line(string name) =>
        Options.Bench.Rig.Gpio.FirstOrDefault(g => g.Name == name)
        ?? throw new InvalidOperationException($"rig {Options.Bench.Rig.Name} has no GPIO line {name}");
}
