using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class RigsCommand
{
    public static Command Create()
    {
        var command = new Command("rigs", "List the station's rigs, their bindings and whether each is reachable");
        command.SetAction(_ => NotYetAvailable.Say("rigs", "the station loader"));
        return command;
    }
}
