using System.CommandLine;
using UsocHil.Configuration;

namespace UsocHil.Cli.Commands;

public static class RigsCommand
{
    public static Command Create()
    {
        var command = new Command("rigs", "List the station's rigs, their bindings and whether each is reachable");
        command.SetHandler(async (parseResult, cancellationToken) =>
        {
            LoadedStation station = StationContext.Load(parseResult);
            Console.WriteLine($"Station {station.Config.Station} ({Path.GetRelativePath(Environment.CurrentDirectory, station.File)})");
            foreach (LoadedRig rig in station.Rigs.Values)
            {
                Console.WriteLine($"{rig.Name}  {rig.Definition.Description}");
                foreach (var (what, endpoint) in Endpoints.Of(rig.Binding))
                {
                    string reach = await Reachability.ProbeAsync(endpoint, cancellationToken);
                    Console.WriteLine($"  {what,-22} {Endpoints.Describe(endpoint),-36} {reach}");
                }

                if (rig.Binding.Emulated)
                {
                    Console.WriteLine($"  {"all links",-22} {"emulator (in-process)",-36} available, time scale {rig.Binding.TimeScale}, seed {rig.Binding.Seed}");
                }
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
