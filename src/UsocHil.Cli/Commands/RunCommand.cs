using System.CommandLine;
using Microsoft.Win32.SafeHandles;
using UsocHil.Cli.Running;
using UsocHil.Hosting;
using UsocHil.Results;
using UsocHil.Sequencing;

namespace UsocHil.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var rig = new Argument<string>("rig") { Description = "The rig, as named in the station file" };
        var sequence = new Argument<string>("sequence") { Description = "The sequence, a file name in rigs/<rig>/sequences without .json" };
        var yes = new Option<bool>("--yes") { Description = "Answer every operator prompt with yes (unattended runs)" };
        var timeScale = TimeScaleOption.Create("Rig time per wall-clock second (emulated rigs)", allowMax: true);
        var report = new Option<DirectoryInfo?>("--report") { Description = "Write the HTML report of the run into this folder" };
        var truth = new Option<FileInfo?>("--truth") { Description = "Emulated rigs: write the emulator's hidden truth (JSON lines) to this file" };
        var monitor = new Option<string?>("--monitor")
        {
            Description = "Serve the live web console while the run lasts, at ADDR:PORT (default 127.0.0.1:8642); prints the abort token",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var raw = new Option<bool>("--raw")
        {
            Description = "Allow the sequence's raw steps to send packets outside the dictionary; logged as a warning and recorded with the run",
        };
        var operatorName = new Option<string?>("--operator")
        {
            Description = "Who runs it, recorded with the run, every prompt answer, hold and resume (default: the login name)",
        };
        var acceptInvalidReference = new Option<bool>("--accept-invalid-reference")
        {
            Description = "Run although a reference instrument is not in the station's register or is past its calibration due date; the run is marked not valid for acceptance and a nonconformance is drafted",
        };
        var formal = new Option<bool>("--formal")
        {
            Description = "A formal (acceptance) run: --yes, --raw and continue-on-timeout waits are refused unless --waiver names the waiver that allows them",
        };
        var waiver = new Option<string?>("--waiver") { Description = "The identifier of the waiver that allows this run's deviations; recorded as a deviation" };
        var results = GlobalOptions.Results();
        var command = new Command("run", "Run a calibration, optimisation or certification sequence on a rig")
        {
            rig, sequence, yes, timeScale, results, report, truth, monitor, raw, operatorName, acceptInvalidReference, formal, waiver,
        };
        command.SetHandler(async (parse, cancellationToken) =>
        {
            // Checked by its parser: a number within range, or max.
            double? scale = parse.GetValue(timeScale);
            try
            {
                SequenceLoader.RegisterWithConfiguration();
                var request = new RunRequest(StationContext.Load(parse), parse.GetValue(rig)!, parse.GetValue(sequence)!, parse.GetValue(yes), scale,
                    parse.GetValue(truth)?.FullName, parse.GetValue(GlobalOptions.Verbosity),
                    parse.GetResult(monitor) is null ? null : parse.GetValue(monitor) ?? "",
                    parse.GetValue(results)?.FullName, parse.GetValue(report)?.FullName, parse.GetValue(raw), parse.GetValue(operatorName))
                {
                    AcceptInvalidReference = parse.GetValue(acceptInvalidReference),
                    Formal = parse.GetValue(formal),
                    Waiver = parse.GetValue(waiver),
                };
                if (request.ReportDirectory is { } reportFolder)
                {
                    RequireWritable(reportFolder);
                }

                return await RunExecution.ExecuteAsync(request, TimeProvider.System, cancellationToken);
            }
            catch (OperatorRequiredException ex)
            {
                Console.Error.WriteLine($"usoc-hil run: {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
            catch (ResultsArchiveException ex)
            {
                // The archive opens before the rig is touched, so a refused one means nothing was sent.
                Console.Error.WriteLine($"usoc-hil run: {ex.Message}{PermissionNote(ex.Path)}");
                return ExitCodes.UsageOrConfiguration;
            }
            catch (RunRefusedException ex)
            {
                Console.Error.WriteLine($"usoc-hil run: {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
            catch (RigBusyException ex)
            {
                Console.Error.WriteLine($"usoc-hil run: {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
            catch (UnauthorizedAccessException ex)
            {
                // The log folder and the report folder are created before the rig is touched.
                Console.Error.WriteLine($"usoc-hil run: permission denied: {ex.Message}");
                return ExitCodes.UsageOrConfiguration;
            }
        });
        return command;
    }

    /// <summary>Fails now, not after the run, if the report cannot be written into <paramref name="folder"/>.</summary>
    private static void RequireWritable(string folder)
    {
        Directory.CreateDirectory(folder);
        using SafeFileHandle _ = File.OpenHandle(Path.Combine(folder, $".usoc-hil-probe-{Environment.ProcessId}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.DeleteOnClose);
    }

    /// <summary>Names a permission problem SQLite only reports as "unable to open database file" or "readonly database".</summary>
    private static string PermissionNote(string archive)
    {
        try
        {
            if (File.Exists(archive))
            {
                using SafeFileHandle _ = File.OpenHandle(archive, FileMode.Open, FileAccess.ReadWrite);
            }
            else if (Path.GetDirectoryName(archive) is { } folder && Directory.Exists(folder))
            {
                RequireWritable(folder);
            }

            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return File.Exists(archive) ? $" (permission denied: {archive} is not writable for this user)" : $" (permission denied: this user cannot create files in {Path.GetDirectoryName(archive)})";
        }
        catch (IOException)
        {
            return "";
        }
    }
}
