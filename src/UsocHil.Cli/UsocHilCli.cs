using System.CommandLine;
using UsocHil.Cli.Commands;
using UsocHil.Cli.Help;
using UsocHil.Configuration;
using UsocHil.Sequencing;

namespace UsocHil.Cli;

/// <summary>The usoc-hil command line, callable in-process by tests as well as from Program.</summary>
public static class UsocHilCli
{
    public const string Description =
        "usoc-hil: hardware-in-the-loop harness for space payload ground models.\n" +
        "Drives a ground model or its emulator over serial, GPIO and Ethernet, runs calibration and optimisation " +
        "sequences, and records every result against the expected facility behaviour.\n" + ExitCodes.HelpText;

    /// <summary>Commands that read the station file, whose typed readers are built on another thread meanwhile.</summary>
    private static readonly string[] StationCommands = ["config", "run", "check", "emulate", "rigs", "graph", "reproduce"];

    public static RootCommand CreateRoot() => CreateRoot([]);

    /// <summary>
    /// The root with only the command that <paramref name="args"/> start with, when they start with a command's name:
    /// it parses them as the whole tree would. Anything else (an option first, a typo, nothing) gets every command, so
    /// that errors and help read as they always have.
    /// </summary>
    public static RootCommand CreateRoot(string[] args)
    {
        // Without this, `config validate` never looks inside sequence files (out-of-range arguments, unknown commands).
        SequenceLoader.RegisterWithConfiguration();
        var root = new RootCommand(Description);
        root.Options.Add(GlobalOptions.Station);
        root.Options.Add(GlobalOptions.Verbosity);
        List<Command> commands = args.Length > 0 ? [.. CommandCatalogue.Named(args[0])] : [];
        foreach (Command command in commands.Count > 0 ? commands : CommandCatalogue.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TopLevelHelp.TryWrite(args) ? Task.FromResult(ExitCodes.Passed) : ParseAndInvokeAsync(args, cancellationToken);

    private static async Task<int> ParseAndInvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        if (DirectConfigValidate.Accepts(args))
        {
            StationLoader.PrepareReaders(DirectConfigValidate.StationFile(args));
            return await DirectConfigValidate.RunAsync(args, cancellationToken);
        }

        if (args.Length > 0 && StationCommands.Contains(args[0], StringComparer.Ordinal))
        {
            StationLoader.PrepareReaders();
        }

        ParseResult parsed = CreateRoot(args).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // "Required command was not provided" beside an unrecognized word only hides the one line that matters.
            var errors = parsed.Errors.Count > 1
                ? parsed.Errors.Where(e => !e.Message.StartsWith("Required command", StringComparison.Ordinal)).ToList()
                : parsed.Errors;
            foreach (var error in errors)
            {
                Console.Error.WriteLine($"usoc-hil: {error.Message}");
            }

            Console.Error.WriteLine("Try 'usoc-hil --help'.");
            return ExitCodes.UsageOrConfiguration;
        }

        // run handles SIGINT/SIGTERM itself (abort into safing, refuse a second one): System.CommandLine must not exit first.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellationToken);
    }
}
