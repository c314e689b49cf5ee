using Serilog;
using UsocHil.Configuration;

namespace UsocHil.Emulation;

/// <summary>Starts the emulator a station binds a rig to, with the unit, faults and kept state the station gives it.</summary>
public static class StationEmulation
{
    /// <summary>
    /// The unit's non-volatile memory lives in the station's <c>emulator-state/</c> folder, so a unit calibrated or
    /// tuned in one run keeps what it stored in the next, as the hardware would; delete the file for a factory-fresh unit.
    /// </summary>
    public static string StateFile(LoadedStation station, LoadedRig rig) =>
        Path.Combine(station.Directory, "emulator-state", $"{rig.Name}-unit-{rig.Binding.Seed}.eeprom.json");

    public static IEmulatedRig StartFor(this Emulators emulators, LoadedStation station, LoadedRig rig, TimeProvider time, double timeScale, string? truthFile, ILogger log)
    {
        log.Information("Starting the {Rig} emulator in-process at {Scale}x rig time, unit seed {Seed}", rig.Name, timeScale, rig.Binding.Seed);
        return emulators.Start(new EmulatorStart(rig.Definition.WithEmulator(rig.Binding.Emulator), rig.Name, rig.Binding.Seed, rig.Binding.Faults, time, timeScale, log, truthFile, StateFile(station, rig), InstrumentTransport: "serial", RigDirectory: rig.Directory));
    }
}
