using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace UsocHil.Cli.Logging;

/// <summary>
/// A run's log file, written off the run's path and never the cause of a failed run. <see cref="Emit"/> only queues
/// the event; one background thread formats what has queued over a few milliseconds (compact JSON) and writes it with
/// one write(2). A
/// line counts as written once that write returned: the kernel holds it then, so killing the harness (SIGKILL) cannot
/// lose it; the file is also flushed to disk once a second, as Serilog's file sink was. <see cref="WaitWritten"/>
/// blocks until every line emitted before it is written: the operator's screen calls it before it shows a line, so a
/// line the run has shown is in the file however the process ends. The log is a record for later, not the run's
/// result: a write or the final flush that fails (ENOSPC, EFBIG) is reported once and dropped, and the run goes on.
/// </summary>
internal sealed class LogFileSink : ILogEventSink, IDisposable
{
    private const int FlushToDiskMilliseconds = 1000;
    private const int LingerMilliseconds = 20;

    private readonly ITextFormatter _formatter;
    private readonly FileStream? _file;
    private readonly StreamWriter? _text;
    private readonly Thread _writer;
    private readonly object _gate = new();
    private List<LogEvent> _queued = new(256);
    private List<LogEvent> _spare = new(256);
    private long _emitted;
    private long _written;
    private bool _writerAsleep;
    private int _waiters;
    private bool _stopping;
    private int _failed;

    public LogFileSink(string path, ITextFormatter formatter)
    {
        _formatter = formatter;
        try
        {
            _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
            _text = new StreamWriter(_file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024) { AutoFlush = false };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Failed(e);
        }

        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "usoc-hil log file" };
        _writer.Start();
    }

    /// <summary>Lines emitted so far, and of those, lines written (in the kernel's hands, or dropped after a failed write).</summary>
    public (long Emitted, long Written) Counts
    {
        get
        {
            lock (_gate)
            {
                return (_emitted, _written);
            }
        }
    }

    public void Emit(LogEvent logEvent)
    {
        lock (_gate)
        {
            _queued.Add(logEvent);
            _emitted++;
            if (_writerAsleep)
            {
                System.Threading.Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>Blocks until every line emitted before this call is written (or dropped by a failed write).</summary>
    public void WaitWritten()
    {
        lock (_gate)
        {
            long target = _emitted;
            _waiters++;
            try
            {
                System.Threading.Monitor.PulseAll(_gate); // the writer may be waiting for more lines or for the next flush to disk
                while (_written < target && _writer.IsAlive)
                {
                    System.Threading.Monitor.Wait(_gate);
                }
            }
            finally
            {
                _waiters--;
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            System.Threading.Monitor.PulseAll(_gate);
        }

        _writer.Join();
        try
        {
            _text?.Dispose();
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    private void WriteLoop()
    {
        long lastFlushToDisk = Environment.TickCount64;
        bool unflushed = false;
        while (true)
        {
            List<LogEvent> batch;
            long upTo;
            lock (_gate)
            {
                while (_queued.Count == 0 && !_stopping)
                {
                    long sinceFlush = Environment.TickCount64 - lastFlushToDisk;
                    if (unflushed && sinceFlush >= FlushToDiskMilliseconds)
                    {
                        break;
                    }

                    _writerAsleep = true;
                    System.Threading.Monitor.Wait(_gate, unflushed ? (int)(FlushToDiskMilliseconds - sinceFlush) : Timeout.Infinite);
                    _writerAsleep = false;
                }

                if (_queued.Count > 0 && _waiters == 0 && !_stopping)
                {
                    // Gather the lines that follow into the same write; whoever waits for them (the screen, the end) wakes the writer at once.
                    System.Threading.Monitor.Wait(_gate, LingerMilliseconds);
                }

                if (_queued.Count == 0 && _stopping)
                {
                    return;
                }

                batch = _queued;
                _queued = _spare;
                upTo = _emitted;
            }

            if (batch.Count > 0)
            {
                Write(batch);
                unflushed = true;
            }

            if (unflushed && Environment.TickCount64 - lastFlushToDisk >= FlushToDiskMilliseconds)
            {
                FlushToDisk();
                unflushed = false;
                lastFlushToDisk = Environment.TickCount64;
            }

            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
                _written = upTo;
                if (_waiters > 0)
                {
                    System.Threading.Monitor.PulseAll(_gate);
                }
            }
        }
    }

    private void Write(List<LogEvent> batch)
    {
        if (_text is null || Volatile.Read(ref _failed) != 0)
        {
            return;
        }

        try
        {
            foreach (LogEvent logEvent in batch)
            {
                _formatter.Format(logEvent, _text);
            }

            _text.Flush(); // the whole batch in one write(2) when it fits the writer's buffer
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    private void FlushToDisk()
    {
        if (_file is null || Volatile.Read(ref _failed) != 0)
        {
            return;
        }

        try
        {
            _file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            Failed(e);
        }
    }

    private void Failed(Exception e)
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            Console.Error.WriteLine($"usoc-hil: warning: the log file cannot be written ({e.Message}); the run goes on without it");
        }
    }
}
