using System.Runtime.InteropServices;

namespace UsocHil.Cli;

/// <summary>Waits for the signal that stops a server command: SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal went away) or SIGQUIT.</summary>
internal static class StopSignal
{
    private static readonly PosixSignal[] s_signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    /// <summary>The signal's name, or null when <paramref name="cancellationToken"/> ended the wait.</summary>
    public static async Task<string?> WaitAsync(CancellationToken cancellationToken)
    {
        var stopped = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        PosixSignalRegistration[] registrations = s_signals.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // stop in order: close the server and the archive, then exit
            stopped.TrySetResult(context.Signal.ToString());
        })).ToArray();
        try
        {
            await using CancellationTokenRegistration onToken = cancellationToken.Register(() => stopped.TrySetResult(null));
            return await stopped.Task;
        }
        finally
        {
            foreach (PosixSignalRegistration registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
