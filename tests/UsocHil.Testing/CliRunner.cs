using UsocHil.Cli;

namespace UsocHil.Testing;

/// <summary>Runs usoc-hil in-process (one at a time: it owns the console) and captures what an operator would see.</summary>
public static class CliRunner
{
    private static readonly SemaphoreSlim s_console = new(1, 1);

    public static async Task<CliResult> RunAsync(params string[] args)
    {
        await s_console.WaitAsync();
        TextWriter stdout = Console.Out;
        TextWriter stderr = Console.Error;
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            int exitCode = await UsocHilCli.RunAsync(args);
            return new CliResult(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            s_console.Release();
        }
    }
}
