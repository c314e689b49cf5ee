using System.CommandLine;
using UsocHil.Cli.Dictionaries;

namespace UsocHil.Cli.Commands;

/// <summary><c>dictionary import</c>, <c>export</c> and <c>show</c>: a payload's own mission database (XTCE or SCOS-2000 MIB) as a rig, with a report of what it took.</summary>
public static class DictionaryCommand
{
    public static Command Create()
    {
        var command = new Command("dictionary", "The payload's own mission database: import XTCE or a SCOS-2000 MIB into a rig dictionary, or export one");
        command.Subcommands.Add(DictionaryImport.Create());
        command.Subcommands.Add(DictionaryShow.Create());
        command.Subcommands.Add(DictionaryExport.Create());
        return command;
    }
}
