using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace UsocHil.Cli.Logging;

/// <summary>
/// The harness' Serilog pipeline: human-readable lines on standard error (standard output stays for results),
/// plus, for a run, a compact-JSON (CLEF) file next to the results, written in the background (<see cref="LogFileSink"/>),
/// whose failure (a full disk) the run survives.
/// </summary>
public static class HarnessLogging
{
    public static Logger Create(string configuredLevel, int verbosity, string? clefFile = null) =>
        Configure(configuredLevel, verbosity, clefFile, LogEventLevel.Verbose, screen: null).CreateLogger();

    /// <summary>
    /// The log of a run: everything at the configured level in its file, but in front of the operator only warnings
    /// and errors (unless -v): the progress display already shows each step and verdict once. With a
    /// <paramref name="screen"/> (the live panel), those lines go through it instead of standard error.
    /// </summary>
    internal static Logger ForRun(string configuredLevel, int verbosity, string clefFile, ILogEventSink? screen) =>
        Configure(configuredLevel, verbosity, clefFile, verbosity > 0 ? LogEventLevel.Verbose : LogEventLevel.Warning, screen).CreateLogger();

    private static LoggerConfiguration Configure(string configuredLevel, int verbosity, string? clefFile, LogEventLevel operatorLevel, ILogEventSink? screen)
    {
        LogEventLevel level = Enum.TryParse(configuredLevel, ignoreCase: true, out LogEventLevel parsed) ? parsed : LogEventLevel.Information;
        level = verbosity switch
        {
            >= 2 => LogEventLevel.Verbose,
            1 => (LogEventLevel)Math.Min((int)level, (int)LogEventLevel.Debug),
            _ => level,
        };
        var terminal = new LoggerConfiguration().MinimumLevel.Is(level);
        terminal = screen is not null
            ? terminal.WriteTo.Sink(screen, operatorLevel)
            : terminal.WriteTo.Console(
                // Stack traces belong in the run's CLEF file, not in front of the operator, unless they asked (-v 2).
                outputTemplate: verbosity >= 2
                    ? "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}{Exception}"
                    : "{Timestamp:HH:mm:ss.fff} {Level:u3} {Message:lj}{NewLine}",
                standardErrorFromLevel: LogEventLevel.Verbose,
                restrictedToMinimumLevel: operatorLevel,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .Enrich.FromLogContext();
        Action beforeShowing = () => { };
        if (clefFile is not null)
        {
            // The file before the screen: a line is queued for the file before it is shown, and shown only once written.
            Directory.CreateDirectory(Path.GetDirectoryName(clefFile)!);
            var file = new LogFileSink(clefFile, new ClefFormatter());
            configuration = configuration.WriteTo.Sink(file);
            beforeShowing = file.WaitWritten;
        }

        configuration = configuration.WriteTo.Sink(new TerminalLogSink(terminal.CreateLogger(), operatorLevel, beforeShowing));
        return configuration;
    }
}
