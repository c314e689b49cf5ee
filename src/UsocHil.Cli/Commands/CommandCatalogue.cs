using System.CommandLine;

namespace UsocHil.Cli.Commands;

/// <summary>
/// Every usoc-hil command, in the order --help lists them, each under the word that invokes it. A command line that
/// starts with one of those words builds that command alone: building all of them on first use cost every command
/// about 15 ms of start-up (docs/PERFORMANCE.md, figure 13).
/// </summary>
public static class CommandCatalogue
{
    private static readonly (string[] Names, Func<IEnumerable<Command>> Create)[] s_entries =
    [
        (["rigs"], () => [RigsCommand.Create()]),
        (["check"], () => [CheckCommand.Create()]),
        (["run"], () => [RunCommand.Create()]),
        (["emulate"], () => [EmulateCommand.Create()]),
        (["results"], () => [ResultsCommand.Create()]),
        (["report"], () => [ReportCommand.Create()]),
        (["packet"], () => [PacketCommand.Create()]),
        (["dictionary"], () => [DictionaryCommand.Create()]),
        (["timeline"], () => [TimelineCommand.Create()]),
        (["reproduce"], () => [Reproducing.ReproduceCommand.Create()]),
        (["graph"], () => [GraphCommand.Create()]),
        (["monitor"], () => [MonitorCommand.Create()]),
        (["config"], () => [ConfigCommand.Create()]),
        (["reserve", "reservations", "release"], ReservationCommands.Create),
    ];

    public static IEnumerable<Command> All() => s_entries.SelectMany(entry => entry.Create());

    /// <summary>The command a word invokes (with any built alongside it), or none for a word that is not a command's name.</summary>
    public static IEnumerable<Command> Named(string name) =>
        s_entries.FirstOrDefault(entry => entry.Names.Contains(name, StringComparer.Ordinal)).Create?.Invoke() ?? [];
}
