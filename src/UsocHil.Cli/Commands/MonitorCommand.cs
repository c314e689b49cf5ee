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
            System.Net.IPEndPoint endpoint = Endpoint(parse.GetValue(listen));
            await using ResultsArchive archive = await ResultsArchive.OpenReadOnlyAsync(path, TimeProvider.System, log, cancellationToken);
            await using MonitorServer server = await StartAsync(endpoint, archive, log, cancellationToken);
            using var stop = new StopSignal(cancellationToken);
            Console.Out.WriteLine($"Monitor: {server.Url} (archive {path}; Ctrl-C to stop)");
            string? stoppedBy = await stop.WaitAsync();
            Console.Error.WriteLine($"usoc-hil monitor: stopped ({stoppedBy ?? "cancelled"})");
            return ExitCodes.Passed;
        });
        return command;
    }

    private static System.Net.IPEndPoint Endpoint(string? text)
    {
        try
        {
            return MonitorOptions.ParseEndpoint(text);
        }
        catch (FormatException e)
        {
            throw new UsageException($"--listen: {e.Message}");
        }
    }

    private static async Task<MonitorServer> StartAsync(System.Net.IPEndPoint endpoint, ResultsArchive archive, Serilog.ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return await MonitorServer.StartArchiveAsync(endpoint, archive, TimeProvider.System, log, cancellationToken);
        }
        catch (Exception e) when (e is Microsoft.AspNetCore.Connections.AddressInUseException || e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new UsageException($"--listen: {endpoint} is in use by another program");
        }
    }
}
