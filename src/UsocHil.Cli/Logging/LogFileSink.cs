using Serilog.Core;
using Serilog.Events;

namespace UsocHil.Cli.Logging;

/// <summary>
/// A run's log file that a full disk cannot turn into a failed run: the log is a record for later, not the run's
/// result, so a write or the final flush that fails (ENOSPC, EFBIG) is dropped here and the run's outcome stands.
/// </summary>
internal sealed class LogFileSink(Logger file) : ILogEventSink, IDisposable
{
    private int _failed;

    public void Emit(LogEvent logEvent)
    {
        try
        {
            file.Write(logEvent);
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    public void Dispose()
    {
        try
        {
            file.Dispose();
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    private void Failed(IOException e)
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            Console.Error.WriteLine($"usoc-hil: warning: the log file cannot be written ({e.Message}); the run goes on without it");
        }
    }
}
