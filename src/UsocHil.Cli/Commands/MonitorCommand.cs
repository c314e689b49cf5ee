using System.CommandLine;
using Serilog;
using UsocHil.Monitor;
using UsocHil.Results;

namespace UsocHil.Cli.Commands;

/// <summary><c>usoc-hil monitor</c>: the web console over a results archive, finished runs and runs still being recorded.</summary>
public static class MonitorCommand
{
    public static Command Create()
    {
        var results = GlobalOptions.Results();
        var listen = new Option<string?>("--listen")
        {
            Description = $"ADDR:PORT to serve on (default 127.0.0.1:{MonitorOptions.DefaultPort}); a non-loopback address is logged as a warning",
        };
        var command = new Command("monitor", "Serve the web console for the runs of a results archive (read-only)") { results, listen };
        command.SetHandler(async (parse, cancellationToken) =>
        {
            string path = StationContext.ResultsPath(parse, results);
            await using Serilog.Core.Logger log = new Serilog.LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
            await using ResultsArchive archive = await ResultsArchive.OpenExistingAsync(path, TimeProvider.System, log, cancellationToken);
            await using MonitorServer server = await MonitorServer.StartArchiveAsync(MonitorOptions.ParseEndpoint(parse.GetValue(listen)), archive, TimeProvider.System, log, cancellationToken);
            Console.Out.WriteLine($"Monitor: {server.Url} (archive {path}; Ctrl-C to stop)");
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Passed;
        });
        return command;
    }
}
