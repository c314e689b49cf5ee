using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Check the station and rig configuration");
        var file = new Argument<FileInfo?>("file") { Description = "A station file (default: --station)", Arity = ArgumentArity.ZeroOrOne };
        var validate = new Command("validate", "Validate the station file, every rig it names and their sequences") { file };
        validate.SetAction(_ => NotYetAvailable.Say("config validate", "the configuration loader"));
        command.Subcommands.Add(validate);
        return command;
    }
}
