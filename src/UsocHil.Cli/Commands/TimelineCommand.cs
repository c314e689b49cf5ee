using System.CommandLine;
using System.Globalization;
using UsocHil.Cli.Dictionaries;
using UsocHil.Description;
using UsocHil.Timelines;

namespace UsocHil.Cli.Commands;

/// <summary>
/// <c>timeline import FILE... --rig NAME --out TIMELINE [--format packets|csv|replay] [--cds-time DAYS,MS[,US]]</c>: a
/// flight's telemetry and telecommand history as a timeline for <c>reproduce</c>. Bad and unknown entries are counted
/// and the first of them listed; they never stop the import (exit 0). A file that cannot be read is exit 2.
/// </summary>
public static class TimelineCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "The flight history files, read in order into one timeline", Arity = ArgumentArity.OneOrMore };
        var rig = new Option<string>("--rig") { Description = "The rig whose dictionary reads them (a name, or a rig.json path)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The timeline file to write", Required = true };
        var format = new Option<string?>("--format") { Description = "packets (concatenated space packets), csv (command history) or replay (replay text); default from the file name" };
        format.AcceptOnlyFromAmong([.. TimelineImport.Formats]);
        var cds = new Option<string?>("--cds-time") { Description = "Layout packets: the fields holding a CCSDS day-segmented on-board time, DAYS,MS[,US]" };
        var import = new Command("import", "Read a flight's telemetry and telecommand history into a timeline") { files, rig, output, format, cds };
        import.SetHandler((p, ct) =>
        {
            string[] paths = p.GetValue(files)!;
            foreach (string missing in paths.Where(f => !File.Exists(f)))
            {
                throw new UsageException($"timeline import: {missing} does not exist");
            }

            RigDefinition definition = RigByName.Load(p, p.GetValue(rig)!);
            CdsTimeFields? time;
            try
            {
                time = p.GetValue(cds) is { } text ? CdsTimeFields.Parse(text) : null;
            }
            catch (FormatException e)
            {
                throw new UsageException($"timeline import: --cds-time: {e.Message}");
            }

            string chosen = p.GetValue(format) ?? TimelineImport.FormatOf(paths[0]);
            FlightTimeline timeline;
            try
            {
                timeline = TimelineImport.Import(paths, chosen, definition, time);
                TimelineJson.Write(timeline, p.GetValue(output)!.FullName);
            }
            catch (TimelineException e)
            {
                throw new UsageException(e.Message);
            }

            Report(timeline, p.GetValue(output)!.FullName);
            return Task.FromResult(ExitCodes.Passed);
        });
        var command = new Command("timeline", "Flight timelines: telemetry and telecommand histories brought in from outside") { import };
        return command;
    }

    private static void Report(FlightTimeline t, string path)
    {
        ImportCounts c = t.Counts;
        Console.WriteLine(FormattableString.Invariant($"{c.Total} entries read ({t.Format}): {c.Telemetry} telemetry, {c.Telecommands} telecommand(s); {c.Bad} bad, {c.Unknown} unknown"));
        foreach (string problem in t.Problems)
        {
            Console.WriteLine(TerminalText.Escape($"  {problem}"));
        }

        if (c.Bad + c.Unknown > t.Problems.Count)
        {
            Console.WriteLine($"  ... and {c.Bad + c.Unknown - t.Problems.Count} more");
        }

        string correlation = t.Correlation.ReceptionMinusOnboardSeconds is { } d
            ? FormattableString.Invariant($"; reception - on-board = {d:G6} s over {t.Correlation.Pairs} pair(s)")
            : "";
        Console.WriteLine($"time: {t.Correlation.Method}{correlation}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timeline {path}: {t.Commands.Count} command(s), {t.Samples.Count} telemetry value(s), {t.Events.Count} event(s) over {t.DurationSeconds:F1} s from {t.Start:yyyy-MM-ddTHH:mm:ss.fffZ} (on-board)"));
    }
}
