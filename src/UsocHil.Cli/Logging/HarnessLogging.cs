using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace UsocHil.Cli.Logging;

/// <summary>
/// The harness' Serilog pipeline: human-readable lines on standard error (standard output stays for results),
/// plus, for a run, a compact-JSON (CLEF) file next to the results, whose failure (a full disk) the run survives.
/// </summary>
public static class HarnessLogging
{
    public static Logger Create(string configuredLevel, int verbosity, string? clefFile = null)
    {
        LogEventLevel level = Enum.TryParse(configuredLevel, ignoreCase: true, out LogEventLevel parsed) ? parsed : LogEventLevel.Information;
        level = verbosity switch
        {
            >= 2 => LogEventLevel.Verbose,
            1 => (LogEventLevel)Math.Min((int)level, (int)LogEventLevel.Debug),
            _ => level,
        };
        Logger console = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Console(
                // Stack traces belong in the run's CLEF file, not in front of the operator, unless they asked (-v 2).
                outputTemplate: verbosity >= 2
                    ? "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}"
                    : "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .CreateLogger();
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new TerminalLogSink(console));
        if (clefFile is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(clefFile)!);
            Logger file = new LoggerConfiguration().MinimumLevel.Is(level)
                .WriteTo.File(new CompactJsonFormatter(), clefFile, flushToDiskInterval: TimeSpan.FromSeconds(1)).CreateLogger();
            configuration = configuration.WriteTo.Sink(new LogFileSink(file));
        }

        return configuration.CreateLogger();
    }
}
