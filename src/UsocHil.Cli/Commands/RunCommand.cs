using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig, as named in the station file" };
        var sequence = new Argument<string>("sequence") { Description = "The sequence, a file name in rigs/<rig>/sequences without .json" };
        var yes = new Option<bool>("--yes") { Description = "Answer every operator prompt with yes (unattended runs)" };
        var timeScale = new Option<double?>("--time-scale") { Description = "Rig time per wall-clock second (emulated rigs)" };
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write the HTML report of the run into this folder" };
        var command = new Command("run", "Run a calibration, optimisation or certification sequence on a rig")
        {
            rig, sequence, yes, timeScale, GlobalOptions.Results(), report,
        };
        command.SetAction(_ => NotYetAvailable.Say("run", "the sequence engine"));
        return command;
    }
}
