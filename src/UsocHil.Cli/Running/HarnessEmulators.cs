using UsocHil.Emulation;
using UsocHil.FirmwareSim.Hosting;

namespace UsocHil.Cli.Running;

/// <summary>The emulators this build of the command line can start, chosen by each rig's <c>"emulator"</c>.</summary>
internal static class HarnessEmulators
{
    public static Emulators All { get; } = new Emulators().AddFirmwareSimEmulators();
}
