using Serilog;
using UsocHil.Configuration;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;

namespace UsocHil.Cli.Running;

/// <summary>
/// Starts an emulated rig's emulators in this process, serving the same OS interfaces as hardware. The unit's EEPROM
/// image lives in the station's <c>emulator-state/</c> folder, so a unit calibrated or tuned in one run keeps what it
/// stored in the next, as the hardware would; delete the file for a factory-fresh unit.
/// </summary>
internal static class InProcessEmulator
{
    public static string EepromPath(LoadedStation station, LoadedRig rig) =>
        Path.Combine(station.Directory, "emulator-state", $"{rig.Name}-unit-{rig.Binding.Seed}.eeprom.json");

    public static EmulatedFurnaceRig Start(LoadedStation station, LoadedRig rig, TimeProvider time, double scale, string? truthFile, ILogger log)
    {
        log.Information("Starting the {Rig} emulator in-process at {Scale}x rig time, unit seed {Seed}", rig.Name, scale, rig.Binding.Seed);
        return EmulatedFurnaceRig.Start(time, new EmulatedFurnaceRigOptions
        {
            TimeScale = scale,
            InstrumentTransport = "serial",
            Bench = new FurnaceBenchOptions
            {
                Rig = rig.Definition,
                SerialNumber = rig.Binding.Seed,
                Faults = FaultPlan.Parse(rig.Binding.Faults),
                TruthPath = truthFile,
                EepromPath = EepromPath(station, rig),

                // A periodic timer of under a wall millisecond rounds to no period at all (it fires once):
                // keep the bench's catch-up tick at a few wall milliseconds whatever the scale.
                TickPeriod = TimeSpan.FromMilliseconds(Math.Max(100, 4 * scale)),
            },
        }, log);
    }
}
