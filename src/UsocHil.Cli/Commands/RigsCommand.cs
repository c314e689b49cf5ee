using System.CommandLine;
using Spectre.Console;
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
            var table = new Table().AddColumns("Rig", "Connection", "Endpoint", "Reachable");
            foreach (LoadedRig rig in station.Rigs.Values)
            {
                Console.WriteLine($"{rig.Name}  {rig.Definition.Description}");
                foreach (var (what, endpoint) in Endpoints.Of(rig.Binding))
                {
                    string reach = await Reachability.ProbeAsync(endpoint, cancellationToken);
                    table.AddRow(Cells(rig.Name, what, Endpoints.Describe(endpoint), reach));
                }

                if (rig.Binding.Emulated)
                {
                    table.AddRow(Cells(rig.Name, "all links", "emulator (in-process)", $"available, time scale {rig.Binding.TimeScale}, seed {rig.Binding.Seed}"));
                }
            }

            OperatorConsole.Create().Write(table);
            return ExitCodes.Passed;
        });
        return command;
    }

    /// <summary>Descriptions and endpoints are the station's text, not markup.</summary>
    private static Text[] Cells(params string[] values) => values.Select(v => new Text(v)).ToArray();
}
