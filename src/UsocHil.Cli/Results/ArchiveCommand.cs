using System.CommandLine;
using Serilog;
using Serilog.Events;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

/// <summary>
/// The common part of the results and report commands: find the archive (--results, else the one the station file
/// names), open it for reading only (never written: no recovery, no migration), run the action, and turn a missing or corrupt archive or an unknown run into one line and exit 2.
/// </summary>
internal static class ArchiveCommand
{
    public static ILogger Logger(LogEventLevel level = LogEventLevel.Warning) => Logging.HarnessLogging.Create(level.ToString(), verbosity: 0);

    public static string ArchivePath(ParseResult parse, Option<FileInfo?> results)
    {
        if (parse.GetValue(results) is { } file)
        {
            return file.FullName;
        }

        FileInfo station = parse.GetValue(GlobalOptions.Station) ?? new FileInfo("rig-config.json");
        if (!station.Exists)
        {
            throw new ResultsArchiveException(station.FullName, "no station file here; name the archive with --results FILE or the station with --station FILE");
        }

        return ConfigJson.ArchivePath(station);
    }

    public static async Task<int> RunAsync(string command, ParseResult parse, Option<FileInfo?> results, Func<IResultsStore, Task<int>> action, CancellationToken cancellationToken)
    {
        try
        {
            string path = ArchivePath(parse, results);
            using var log = (Serilog.Core.Logger)Logger();
            await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(path, TimeProvider.System, log, cancellationToken);
            return await action(archive);
        }
        catch (Exception e) when (e is ResultsArchiveException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"usoc-hil {command}: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
