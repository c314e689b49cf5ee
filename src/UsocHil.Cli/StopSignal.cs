using System.Runtime.InteropServices;

namespace UsocHil.Cli;

/// <summary>
/// The signals that stop a server command: SIGINT (Ctrl-C), SIGTERM, SIGHUP (the terminal went away) and SIGQUIT.
/// Listening starts when this is created, so create it before telling the operator how to stop.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private static readonly PosixSignal[] s_signals = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly TaskCompletionSource<string?> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;
    private readonly CancellationTokenRegistration _onToken;

    public StopSignal(CancellationToken cancellationToken)
    {
        _registrations = s_signals.Select(signal => PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true; // stop in order: close the server and the archive, then exit
            _stopped.TrySetResult(context.Signal.ToString());
        })).ToArray();
        _onToken = cancellationToken.Register(() => _stopped.TrySetResult(null));
    }

    /// <summary>The signal's name, or null when the command's cancellation token ended the wait.</summary>
    public Task<string?> WaitAsync() => _stopped.Task;

    public void Dispose()
    {
        _onToken.Dispose();
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
