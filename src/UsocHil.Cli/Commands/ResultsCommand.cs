using System.CommandLine;
using UsocHil.Cli.Results;

namespace UsocHil.Cli.Commands;

public static class ResultsCommand
{
    public static Command Create()
    {
        var command = new Command("results", "Read, export, verify and compare the results archive");

        var listResults = GlobalOptions.Results();
        var listJson = JsonOption();
        var list = new Command("list", "List the runs in the archive") { listResults, listJson };
        list.SetAction((p, ct) => ArchiveCommand.RunAsync("results list", p, listResults, a => ResultsActions.ListAsync(a, p.GetValue(listJson), ct), ct));

        var showRun = new Argument<long>("run") { Description = "The run number" };
        var showResults = GlobalOptions.Results();
        var showJson = JsonOption();
        var show = new Command("show", "Show one run: steps, measurements, verdicts") { showRun, showResults, showJson };
        show.SetAction((p, ct) => ArchiveCommand.RunAsync("results show", p, showResults, a => ResultsActions.ShowAsync(a, p.GetValue(showRun), p.GetValue(showJson), ct), ct));

        var exportRun = new Argument<long>("run") { Description = "The run number" };
        var junit = new Option<FileInfo?>("--junit") { Description = "JUnit XML, one test case per expectation" };
        var json = new Option<FileInfo?>("--json") { Description = "The whole run record" };
        var csv = new Option<FileInfo?>("--csv") { Description = "Telemetry, one column per parameter; the verdicts beside it in FILE.verdicts.csv" };
        var exportResults = GlobalOptions.Results();
        var export = new Command("export", "Export a run as JUnit XML, JSON or CSV") { exportRun, junit, json, csv, exportResults };
        export.SetAction((p, ct) => ArchiveCommand.RunAsync("results export", p, exportResults,
            a => ResultsActions.ExportAsync(a, p.GetValue(exportRun), p.GetValue(junit), p.GetValue(json), p.GetValue(csv), ct), ct));

        var verify = VerifyCommand.Create();

        var runA = new Argument<long>("runA") { Description = "The earlier run" };
        var runB = new Argument<long>("runB") { Description = "The later run" };
        var compareResults = GlobalOptions.Results();
        var compare = new Command("compare", "Calibration drift and verdict changes between two runs of a rig") { runA, runB, compareResults };
        compare.SetAction((p, ct) => ArchiveCommand.RunAsync("results compare", p, compareResults, a => ResultsActions.CompareAsync(a, p.GetValue(runA), p.GetValue(runB), ct), ct));

        foreach (var sub in new[] { list, show, export, verify, compare, CentralCommands.Init(), CentralCommands.Push(), PacketCommands.Packets(), PacketCommands.Redecode() })
        {
            command.Subcommands.Add(sub);
        }

        return command;
    }

    private static Option<bool> JsonOption() => new("--json") { Description = "Print JSON instead of a table (a margin that does not apply is null)" };
}
