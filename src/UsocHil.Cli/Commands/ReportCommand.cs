using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<long>("run") { Description = "The run number" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the HTML report", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var command = new Command("report", "Write a self-contained HTML report of a run") { run, output, GlobalOptions.Results() };
        command.SetAction(_ => NotYetAvailable.Say("report", "the results archive and reporting"));
        return command;
    }
}
