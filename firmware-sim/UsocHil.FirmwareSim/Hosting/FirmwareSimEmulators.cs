using UsocHil.Emulation;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Furnace;

namespace UsocHil.FirmwareSim.Hosting;

/// <summary>Registers the emulators this assembly provides, by the names rigs give in <c>rig.json</c>.</summary>
public static class FirmwareSimEmulators
{
    /// <summary>The gradient furnace engineering model (<c>"emulator": "furnace"</c>).</summary>
    public const string Furnace = "furnace";

    /// <summary>Any PUS payload emulated from its dictionary and its <c>model.json</c> (<c>"emulator": "model"</c>).</summary>
    public const string Model = "model";

    public static Emulators AddFirmwareSimEmulators(this Emulators emulators) =>
        emulators.Add(Furnace, StartFurnace).Add(Model, ModelledEmulator.Start);

    private static IEmulatedRig StartFurnace(EmulatorStart start)
    {
        FaultPlan faults;
        try
        {
            faults = FaultPlan.Parse(start.Faults);
        }
        catch (FaultSpecException e)
        {
            throw new EmulationException(start.RigName, e.Message);
        }

        return EmulatedFurnaceRig.Start(start.Time, new EmulatedFurnaceRigOptions
        {
            TimeScale = start.TimeScale,
            PayloadTransport = start.PayloadTransport,
            InstrumentTransport = start.InstrumentTransport,
            Bench = new FurnaceBenchOptions
            {
                Rig = start.Rig,
                SerialNumber = start.Seed,
                Faults = faults,
                TruthPath = start.TruthFile,
                EepromPath = start.StateFile,

                TickPeriod = BenchTick.For(start.Time, start.TimeScale),
            },
        }, start.Log);
    }
}
