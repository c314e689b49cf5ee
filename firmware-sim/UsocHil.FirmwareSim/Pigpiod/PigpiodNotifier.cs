using System.Buffers.Binary;
using System.Threading.Channels;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// A notification stream, in-band (NOIB, on the socket that opened it) or through a pipe (NO): after NB with a bit
/// mask, every reported change of a watched bank-1 level (after the pin's filters, see <see cref="PigpiodAlerts"/>)
/// sends a 12-byte report (seq uint16, flags uint16, tick uint32, levels uint32). Reports queue in a bounded channel;
/// the oldest are dropped if the client stops reading.
/// </summary>
internal sealed class PigpiodNotifier : IDisposable
{
    private readonly Func<ReadOnlyMemory<byte>, Task> _send;
    private readonly Action _closed;
    private readonly PigpiodAlerts _alerts;
    private readonly Channel<byte[]> _reports;
    private readonly Task _sending;
    private uint _mask;
    private bool _paused = true;
    private ushort _sequence;

    /// <param name="send">Writes one report where the client reads them.</param>
    /// <param name="closed">Closes that (pigpio closes an in-band socket, or a pipe, with its handle).</param>
    public PigpiodNotifier(int handle, Func<ReadOnlyMemory<byte>, Task> send, Action closed, PigpiodAlerts alerts, int capacity)
    {
        Handle = handle;
        _send = send;
        _closed = closed;
        _alerts = alerts;
        _reports = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _alerts.Reported += OnReported;
        _sending = Task.Run(SendLoopAsync);
    }

    public int Handle { get; }

    /// <summary>NB: start (or change) the watched bits.</summary>
    public void Begin(uint bits)
    {
        lock (_reports)
        {
            _mask = bits;
            _paused = false;
        }
    }

    /// <summary>NP: stop sending until the next NB.</summary>
    public void Pause()
    {
        lock (_reports)
        {
            _paused = true;
        }
    }

    public void Dispose()
    {
        _alerts.Reported -= OnReported;
        _reports.Writer.TryComplete();
        _closed();
    }

    private void OnReported(uint tick, uint levels, int pin)
    {
        byte[] report = new byte[12];
        lock (_reports)
        {
            if (_paused || (_mask & (1u << pin)) == 0)
            {
                return;
            }

            BinaryPrimitives.WriteUInt16LittleEndian(report, _sequence++);
            BinaryPrimitives.WriteUInt16LittleEndian(report.AsSpan(2), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(4), tick);
            BinaryPrimitives.WriteUInt32LittleEndian(report.AsSpan(8), levels);
        }

        _reports.Writer.TryWrite(report);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (byte[] report in _reports.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                await _send(report).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client closed its notification socket
        }
    }
}
