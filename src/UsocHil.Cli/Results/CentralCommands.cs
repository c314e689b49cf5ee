using System.CommandLine;
using UsocHil.Central;
using UsocHil.Description;
using UsocHil.Results;

namespace UsocHil.Cli.Results;

/// <summary>
/// <c>results init --results URL</c> creates or migrates a central archive; <c>results push [--to URL] [--results FILE]</c>
/// copies this station's sealed runs there. The connection comes from --to, else <c>USOC_HIL_CENTRAL</c>, else the
/// station file's <c>central</c>.
/// </summary>
internal static class CentralCommands
{
    public static Command Init()
    {
        var results = new Option<string>("--results") { Description = "The central archive: postgres://user@host:port/database", Required = true };
        var command = new Command("init", "Create or migrate a central PostgreSQL archive") { results };
        command.SetAction(async (p, ct) =>
        {
            try
            {
                await using CentralArchive archive = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(p.GetValue(results)!), TimeProvider.System, create: true, ct);
                Console.WriteLine($"central archive ready at {archive.Path} (schema version {CentralArchive.SchemaVersion})");
                return ExitCodes.Passed;
            }
            catch (ResultsArchiveException e)
            {
                Console.Error.WriteLine($"usoc-hil results init: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }

    public static Command Push()
    {
        var to = new Option<string?>("--to") { Description = $"The central archive (default: ${CentralConnection.EnvironmentVariable}, else the station file's \"central\")" };
        var results = GlobalOptions.Results();
        var command = new Command("push", "Copy every sealed run of this station's archive that the central archive lacks (exit 1 if it holds one differently)") { to, results };
        command.SetAction(async (p, ct) =>
        {
            try
            {
                FileInfo stationFile = p.GetValue(GlobalOptions.Station) ?? new FileInfo("rig-config.json");
                if (!stationFile.Exists)
                {
                    throw new ResultsArchiveException(stationFile.FullName, "no station file here: a push names its station; give it with --station FILE");
                }

                StationConfig station = ConfigJson.Read<StationConfig>(stationFile.FullName);
                string location = p.GetValue(to) ?? Environment.GetEnvironmentVariable(CentralConnection.EnvironmentVariable) ?? station.Central
                    ?? throw new ResultsArchiveException(stationFile.FullName, $"no central archive: give --to URL, set {CentralConnection.EnvironmentVariable}, or name \"central\" in the station file");
                string path = ArchiveCommand.ArchivePath(p, results);
                using var log = (Serilog.Core.Logger)ArchiveCommand.Logger();
                await using CentralArchive centre = await CentralArchive.OpenCentralAsync(CentralConnection.Parse(location), TimeProvider.System, create: true, ct);
                await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(path, TimeProvider.System, log, ct);
                PushReport report = await RunPush.PushAsync(archive, station.Station, centre, log, ct);
                Console.WriteLine($"station {station.Station}: {report.Pushed} run(s) pushed to {centre.Path}, {report.AlreadyThere} already there"
                    + (report.Waiting > 0 ? $", {report.Waiting} still being recorded (next push)" : ""));
                foreach (string conflict in report.Conflicts)
                {
                    Console.Error.WriteLine($"usoc-hil results push: {conflict}");
                }

                return report.Conflicts.Count == 0 ? ExitCodes.Passed : ExitCodes.VerdictFailed;
            }
            catch (ResultsArchiveException e)
            {
                Console.Error.WriteLine($"usoc-hil results push: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }
}
