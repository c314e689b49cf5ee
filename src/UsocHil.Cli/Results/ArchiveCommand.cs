using System.CommandLine;
using Serilog;
using Serilog.Events;
using UsocHil.Central;
using UsocHil.Extensions;
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
        // A central archive is a URL, not a file: taken as written.
        if (parse.GetResult(results)?.Tokens is [{ } token] && CentralConnection.Names(token.Value))
        {
            return token.Value;
        }

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
            ResultsStores stores = Registries.CreateDefault().Stores;
            await using IResultsStore archive = await stores.OpenAsync(stores.NameFor(path), path, TimeProvider.System, log, create: false, cancellationToken);
            return await action(archive);
        }
        catch (Exception e) when (e is ResultsArchiveException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"usoc-hil {command}: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
    }
}
