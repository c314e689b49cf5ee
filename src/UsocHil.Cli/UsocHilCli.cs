using System.CommandLine;
using UsocHil.Cli.Commands;
using UsocHil.Cli.Help;
using UsocHil.Sequencing;

namespace UsocHil.Cli;

/// <summary>The usoc-hil command line, callable in-process by tests as well as from Program.</summary>
public static class UsocHilCli
{
    public const string Description =
        "usoc-hil: hardware-in-the-loop harness for space payload ground models.\n" +
        "Drives a ground model or its emulator over serial, GPIO and Ethernet, runs calibration and optimisation " +
        "sequences, and records every result against the expected facility behaviour.\n" + ExitCodes.HelpText;

    public static RootCommand CreateRoot()
    {
        // Without this, `config validate` never looks inside sequence files (out-of-range arguments, unknown commands).
        SequenceLoader.RegisterWithConfiguration();
        var root = new RootCommand(Description);
        root.Options.Add(GlobalOptions.Station);
        root.Options.Add(GlobalOptions.Verbosity);
        foreach (Command command in CommandCatalogue.All())
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default) =>
        TopLevelHelp.TryWrite(args) ? Task.FromResult(ExitCodes.Passed) : ParseAndInvokeAsync(args, cancellationToken);

    private static async Task<int> ParseAndInvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        ParseResult parsed = CreateRoot().Parse(args);
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
