using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class CheckCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig to check, as named in the station file" };
        var command = new Command("check", "Open every link of a rig, identify the device and its instruments, and report") { rig };
        command.SetAction(_ => NotYetAvailable.Say("check", "the rig session"));
        return command;
    }
}
