using System.Runtime.InteropServices;

namespace UsocHil.Hosting;

/// <summary>
/// Turns the signals an operator or a supervisor sends (SIGINT, SIGTERM, SIGHUP for a lost terminal, SIGQUIT) into
/// an operator abort, for as long as it is registered: the process is never killed by them half-way through safing or
/// sealing the record.
/// </summary>
public sealed class RunSignals : IDisposable
{
    public static readonly IReadOnlyList<PosixSignal> Handled = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT];

    private readonly List<PosixSignalRegistration> _registrations = [];

    /// <param name="abort">Called with the signal's name ("SIGINT", ...).</param>
    public RunSignals(Action<string> abort)
    {
        ArgumentNullException.ThrowIfNull(abort);
        foreach (PosixSignal signal in Handled)
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    abort(Name(context.Signal));
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Windows has no SIGHUP or SIGQUIT of its own; the others still abort.
            }
        }
    }

    public static string Name(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGINT => "SIGINT",
        PosixSignal.SIGTERM => "SIGTERM",
        PosixSignal.SIGHUP => "SIGHUP",
        PosixSignal.SIGQUIT => "SIGQUIT",
        _ => signal.ToString(),
    };

    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in _registrations)
        {
            registration.Dispose();
        }

        _registrations.Clear();
    }
}
