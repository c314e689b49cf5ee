using System.CommandLine;
using UsocHil.Configuration;
using UsocHil.Emulation;
using UsocHil.Links;
using UsocHil.Registration;

namespace UsocHil.Cli;

/// <summary>
/// Runs a command's body and turns every failure into one line on standard error and a documented exit code:
/// no stack trace reaches an operator unless they asked for verbose output.
/// </summary>
public static class CommandHandler
{
    public static void SetHandler(this Command command, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, body, cancellationToken));

    public static Task<int> RunAsync(ParseResult parseResult, Func<ParseResult, CancellationToken, Task<int>> body, CancellationToken cancellationToken) =>
        RunAsync(() => body(parseResult, cancellationToken), () => parseResult.GetValue(GlobalOptions.Verbosity), cancellationToken);

    /// <param name="verbosity">The -v count, asked only when a stack trace may be printed.</param>
    public static async Task<int> RunAsync(Func<Task<int>> body, Func<int> verbosity, CancellationToken cancellationToken)
    {
        try
        {
            return await body();
        }
        catch (ConfigurationException e)
        {
            foreach (ConfigurationProblem problem in e.Problems)
            {
                Console.Error.WriteLine(problem.ToString());
            }

            return ExitCodes.UsageOrConfiguration;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"usoc-hil: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (Exception e) when (e is EmulationException or RegistrationException)
        {
            Console.Error.WriteLine($"usoc-hil: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (UsocHil.Results.ResultsArchiveException e)
        {
            // An archive that cannot be opened is refused before anything else happens (a run's own archive failing
            // mid-run is a RecordingFailedException, handled by run).
            Console.Error.WriteLine($"usoc-hil: {e.Message}");
            return ExitCodes.UsageOrConfiguration;
        }
        catch (LinkException e)
        {
            Console.Error.WriteLine($"usoc-hil: link fault: {e.Message}");
            return ExitCodes.RigOrLinkFault;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("usoc-hil: aborted by the operator");
            return ExitCodes.Aborted;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"usoc-hil: {e.GetType().Name}: {e.Message}");
            if (verbosity() >= 2)
            {
                Console.Error.WriteLine(e.ToString());
            }

            return ExitCodes.RigOrLinkFault;
        }
    }
}

/// <summary>A command line that parses but cannot be acted on (a missing file, conflicting options).</summary>
public sealed class UsageException(string message) : Exception(message);
