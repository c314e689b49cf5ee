using System.CommandLine;

namespace UsocHil.Cli.Commands;

public static class ResultsCommand
{
    public static Command Create()
    {
        var command = new Command("results", "Read, export, verify and compare the results archive");
        var list = new Command("list", "List the runs in the archive") { GlobalOptions.Results() };
        var run = new Argument<long>("run") { Description = "The run number" };
        var show = new Command("show", "Show one run: steps, measurements, verdicts") { run, GlobalOptions.Results() };
        var exportRun = new Argument<long>("run") { Description = "The run number" };
        var export = new Command("export", "Export a run as JUnit XML, JSON or CSV")
        {
            exportRun,
            new Option<FileInfo?>("--junit") { Description = "JUnit XML, one test case per expectation" },
            new Option<FileInfo?>("--json") { Description = "The whole run record" },
            new Option<FileInfo?>("--csv") { Description = "Telemetry, one column per parameter" },
            GlobalOptions.Results(),
        };
        var verify = new Command("verify", "Recompute the integrity chain and name the first altered run") { GlobalOptions.Results() };
        var compare = new Command("compare", "Calibration drift and verdict changes between two runs of a rig")
        {
            new Argument<long>("runA"), new Argument<long>("runB"), GlobalOptions.Results(),
        };
        foreach (var sub in new[] { list, show, export, verify, compare })
        {
            string name = sub.Name;
            sub.SetAction(_ => NotYetAvailable.Say($"results {name}", "the results archive"));
            command.Subcommands.Add(sub);
        }

        return command;
    }
}
