using System.CommandLine;

namespace UsocHil.Cli.Commands;

/// <summary>Every usoc-hil command, in the order --help lists them.</summary>
public static class CommandCatalogue
{
    public static IEnumerable<Command> All() =>
    [
        RigsCommand.Create(),
        CheckCommand.Create(),
        RunCommand.Create(),
        EmulateCommand.Create(),
        ResultsCommand.Create(),
        ReportCommand.Create(),
        PacketCommand.Create(),
        DictionaryCommand.Create(),
        TimelineCommand.Create(),
        Reproducing.ReproduceCommand.Create(),
        GraphCommand.Create(),
        MonitorCommand.Create(),
        ConfigCommand.Create(),
        .. ReservationCommands.Create(),
    ];
}
