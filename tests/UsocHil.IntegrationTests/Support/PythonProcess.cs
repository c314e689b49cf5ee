using System.Diagnostics;

namespace UsocHil.IntegrationTests.Support;

/// <summary>Runs a third-party client (python3 with pyserial or pigpio, pigs) and collects its output.</summary>
internal static class PythonProcess
{
    public const string Python = "/usr/bin/python3";

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string fileName, IEnumerable<string> arguments, IDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("cannot start " + fileName);
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await output, await error);
    }

    public static Task<(int ExitCode, string Output, string Error)> PythonAsync(string script, CancellationToken cancellationToken, params string[] arguments) =>
        RunAsync(Python, ["-c", script, .. arguments], null, cancellationToken);
}
