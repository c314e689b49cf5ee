using UsocHil.Central;
using UsocHil.Configuration;
using UsocHil.Extensions;
using UsocHil.FirmwareSim.Hosting;

namespace UsocHil.Cli.Running;

/// <summary>
/// The extension points of this build of the command line for one station: the built-ins, the emulators it ships
/// (firmware-sim's), and whatever the station's extension assemblies register.
/// </summary>
internal static class HarnessRegistries
{
    /// <exception cref="ConfigurationException">An extension assembly of the station cannot be loaded or registers nothing.</exception>
    public static Registries For(LoadedStation station)
    {
        Registries registries = Registries.CreateDefault();
        registries.Emulators.AddFirmwareSimEmulators();
        registries.Sinks.AddCentralPush(station, TimeProvider.System);
        registries.Guards.AddCentralLease(station, TimeProvider.System);
        return ExtensionAssemblies.LoadInto(registries, station);
    }
}
