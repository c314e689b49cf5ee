using System.CommandLine;
using Serilog.Events;
using UsocHil.Results;
using UsocHil.Description;

namespace UsocHil.Cli.Results;

/// <summary>
/// Hidden: <c>usoc-hil results sample --results FILE</c> records a sample furnace calibration (see <see cref="SampleFurnaceRun"/>)
/// for tests and demonstrations of the archive, exports and reports. <c>--pace MS</c> waits that long of wall time after
/// each measurement is durable, logging it, so a test can kill the process mid-run.
/// </summary>
internal static class SampleRunCommand
{
    public static Command Create()
    {
        var results = new Option<FileInfo>("--results") { Description = "The archive to record into", Required = true };
        var rigFile = new Option<FileInfo?>("--rig") { Description = "rig.json of the furnace (default: rigs/furnace-em/rig.json beside the station file)" };
        var seed = new Option<int>("--seed") { Description = "Unit seed", DefaultValueFactory = _ => 1 };
        var stuck = new Option<bool>("--stuck-sensor") { Description = "Thermocouple 2 stuck" };
        var deviceText = new Option<string?>("--device-text") { Description = "Text the device sends (unit serial, an event, a step message)" };
        var pace = new Option<int>("--pace") { Description = "Milliseconds of wall time to wait after each durable measurement" };
        var command = new Command("sample", "Record a sample furnace calibration run (for tests and demonstrations)")
        {
            results, rigFile, seed, stuck, deviceText, pace,
        };
        command.Hidden = true;
        command.SetAction(async (p, ct) =>
        {
            try
            {
                FileInfo station = p.GetValue(GlobalOptions.Station) ?? new FileInfo("rig-config.json");
                string rigPath = p.GetValue(rigFile)?.FullName ?? Path.Combine(station.DirectoryName ?? ".", "rigs", "furnace-em", "rig.json");
                RigDefinition rig = ConfigJson.Read<RigDefinition>(rigPath);
                int paceMs = p.GetValue(pace);
                using var log = (Serilog.Core.Logger)ArchiveCommand.Logger(paceMs > 0 ? LogEventLevel.Information : LogEventLevel.Warning);
                await using ResultsArchive archive = await ResultsArchive.OpenAsync(p.GetValue(results)!.FullName, TimeProvider.System, log, ct);
                var options = new SampleRunOptions
                {
                    Seed = p.GetValue(seed),
                    StuckSensor = p.GetValue(stuck),
                    DeviceText = p.GetValue(deviceText),
                    Recorded = paceMs > 0 ? (_, token) => Task.Delay(TimeSpan.FromMilliseconds(paceMs), TimeProvider.System, token) : null,
                };
                long id = await SampleFurnaceRun.RecordAsync(archive, rig, options, ct);
                Console.WriteLine($"sample run {id} recorded in {archive.Path}");
                return ExitCodes.Passed;
            }
            catch (ResultsArchiveException e)
            {
                Console.Error.WriteLine($"usoc-hil results sample: {e.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }
}
