using System.IO.Ports;
using Serilog;
using UsocHil.Links.Tracing;
using UsocHil.Description;

namespace UsocHil.Links.Serial;

/// <summary>
/// The portable serial path over <see cref="SerialPort"/> (Windows COM ports, macOS, or when forced). Measured on Linux
/// ptys: opening with DTR throws ENOTTY, a vanished peer surfaces as ObjectDisposedException while IsOpen stays true,
/// and Dispose() can block for ever. So modem lines are opt-in and skipped on ptys, every failure becomes one
/// <see cref="LinkClosedException"/>, and disposal waits a bounded time.
/// </summary>
public sealed class SerialPortLink : ILink
{
    private static readonly TimeSpan DisposeWait = TimeSpan.FromSeconds(2);

    private readonly SerialPort _port;
    private readonly Stream _stream;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _log;
    private int _disposed;

    private SerialPortLink(SerialPort port, LinkInfo info, TimeProvider timeProvider, ILogger log)
    {
        _port = port;
        _stream = port.BaseStream;
        _timeProvider = timeProvider;
        _log = log;
        Info = info;
    }

    public LinkInfo Info { get; }

    public LinkStatistics Statistics { get; } = new();

    public static SerialPortLink Open(string name, string path, SerialSettings settings, TimeProvider timeProvider, ILogger log)
    {
        var port = new SerialPort(path)
        {
            BaudRate = settings.Baud,
            DataBits = settings.DataBits,
            Parity = SerialPortSettings.Parity(settings.Parity, path),
            StopBits = SerialPortSettings.StopBits(settings.StopBits, path),
            Handshake = SerialPortSettings.Handshake(settings.FlowControl, path),
        };
        bool pty = path.StartsWith("/dev/pts/", StringComparison.Ordinal);
        if (settings.ModemLines && pty)
        {
            log.Warning("Link {Link}: {Path} is a pseudo-terminal without modem lines; DTR/RTS not asserted", name, path);
        }
        else if (settings.ModemLines)
        {
            port.DtrEnable = true;
            port.RtsEnable = settings.FlowControl != "rtscts";
        }

        try
        {
            port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            port.Dispose();
            throw new LinkClosedException(path, "cannot open: " + e.Message, e);
        }

        log.Information("Link {Link} opened on {Path} at {Baud} baud through System.IO.Ports (portable path)", name, path, settings.Baud);
        return new SerialPortLink(port, new LinkInfo(name, "serial", path), timeProvider, log);
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        int count;
        try
        {
            count = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw Closed("read failed: " + e.Message, e);
        }

        if (count == 0 && !buffer.IsEmpty)
        {
            // A serial line has no orderly close: end of stream means the device went away.
            throw Closed("the device hung up", null);
        }

        Statistics.AddBytesIn(count);
        LinkTrace.Received(_log, Info, buffer.Span[..count]);
        return count;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            await _stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or UnauthorizedAccessException)
        {
            throw Closed("write failed: " + e.Message, e);
        }

        Statistics.AddBytesOut(buffer.Length);
        LinkTrace.Sent(_log, Info, buffer.Span);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        Task closing = Task.Run(_port.Dispose);
        try
        {
            await closing.WaitAsync(TransportTime.OnClock(_timeProvider, DisposeWait), _timeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.Warning("Link {Link}: SerialPort.Dispose on {Path} did not return within {Seconds} s; abandoned", Info.Name, Info.Endpoint, DisposeWait.TotalSeconds);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            _log.Debug(e, "Link {Link}: SerialPort.Dispose on {Path} failed", Info.Name, Info.Endpoint);
        }
    }

    private LinkClosedException Closed(string message, Exception? inner)
    {
        Statistics.SetLastError(message);
        return new LinkClosedException(Info.Endpoint, message, inner);
    }
}
