using System.CommandLine;
using UsocHil.Cli.Results;
using UsocHil.Reporting;
using UsocHil.Results;

namespace UsocHil.Cli.Commands;

public static class ReportCommand
{
    public static Command Create()
    {
        var run = new Argument<long>("run") { Description = "The run number" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the HTML report", DefaultValueFactory = _ => new DirectoryInfo("reports") };
        var results = GlobalOptions.Results();
        var command = new Command("report", "Write a self-contained HTML report of a run") { run, output, results };
        command.SetAction((p, ct) => ArchiveCommand.RunAsync("report", p, results, async archive =>
        {
            RunRecord record = await archive.ReadRunAsync(p.GetValue(run), ct);
            FileInfo station = p.GetValue(GlobalOptions.Station) ?? new FileInfo("rig-config.json");
            var rig = station.Exists ? ConfigJson.TryRig(station, record.Summary.Header.Rig) : null;
            string path = await HtmlReport.WriteAsync(record, rig, (p.GetValue(output) ?? new DirectoryInfo("reports")).FullName, ct);
            Console.WriteLine($"report: {path}");
            return ExitCodes.Passed;
        }, ct));
        return command;
    }
}
