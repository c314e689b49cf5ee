using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Serilog;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// One client of the pigpiod emulator: reads 16-byte requests and their extension bytes (the first 16 kept, the rest
/// discarded), answers 16-byte responses.
/// Memory per connection is fixed: a request buffer, a discard buffer and at most <see cref="MaxQueuedReports"/>
/// notification reports (the oldest are dropped if the client does not read them, as pigpio drops on overflow).
/// </summary>
internal sealed class PigpiodConnection
{
    /// <summary>Largest extension accepted (pigpio's own limit for most commands is far below).</summary>
    private const int MaxExtension = 64 * 1024;
    private const int MaxQueuedReports = 256;

    /// <summary>Extension bytes kept for the command (HP's duty cycle, FN's active time); the rest are discarded.</summary>
    private const int KeptExtension = 16;

    private readonly Socket _socket;
    private readonly PigpiodServer _server;
    private readonly EmulatedPinBank _pins;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly byte[] _request = new byte[16];
    private readonly byte[] _response = new byte[16];
    private readonly byte[] _extension = new byte[KeptExtension];
    private readonly string _remote;
    private PigpiodNotifier? _notifier;

    public PigpiodConnection(Socket socket, PigpiodServer server, EmulatedPinBank pins, CancellationToken stopping)
    {
        _socket = socket;
        _server = server;
        _pins = pins;
        _stopping = stopping;
        _remote = socket.RemoteEndPoint?.ToString() ?? "client";
    }

    public Task Running { get; set; } = Task.CompletedTask;

    public void Close() => _socket.Dispose();

    public async Task ServeAsync()
    {
        try
        {
            while (await ReceiveExactlyAsync(_request).ConfigureAwait(false))
            {
                var command = (PigpioCommand)BinaryPrimitives.ReadUInt32LittleEndian(_request);
                uint p1 = BinaryPrimitives.ReadUInt32LittleEndian(_request.AsSpan(4));
                uint p2 = BinaryPrimitives.ReadUInt32LittleEndian(_request.AsSpan(8));
                uint p3 = BinaryPrimitives.ReadUInt32LittleEndian(_request.AsSpan(12));
                if (p3 > MaxExtension)
                {
                    _server.Log.Warning("pigpiod emulator: {Remote} sent a {Length}-byte extension; closing", _remote, p3);
                    return;
                }

                int kept = (int)Math.Min(p3, KeptExtension);
                if (kept > 0 && !await ReceiveExactlyAsync(_extension.AsMemory(0, kept)).ConfigureAwait(false))
                {
                    return;
                }

                if (p3 > kept && !await DiscardAsync((int)p3 - kept).ConfigureAwait(false))
                {
                    return;
                }

                int result = Execute(command, p1, p2, _extension.AsSpan(0, kept));
                _server.Log.Verbose("pigpiod emulator: {Remote} {Command} {P1} {P2} -> {Result}", _remote, command, p1, p2, result);
                Array.Copy(_request, _response, 12);
                BinaryPrimitives.WriteInt32LittleEndian(_response.AsSpan(12), result);
                await SendAsync(_response).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // the client went away or the server is stopping
        }
        finally
        {
            if (_notifier is not null)
            {
                _server.CloseNotifier(_notifier.Handle);
            }

            _socket.Dispose();
            _sending.Dispose();
        }
    }

    private int Execute(PigpioCommand command, uint p1, uint p2, ReadOnlySpan<byte> extension)
    {
        if (PigpiodGpioCommands.TryExecute(_pins, command, p1, p2, extension, out int result))
        {
            return result;
        }

        switch (command)
        {
            case PigpioCommand.Tick:
                return unchecked((int)_server.Tick);
            case PigpioCommand.Hwver:
                return 0xa020d3; // a Raspberry Pi 3 Model B+ revision code
            case PigpioCommand.Pigpv:
                return 79;
            case PigpioCommand.Noib:
                _notifier ??= _server.OpenNotifier(this, MaxQueuedReports);
                return _notifier?.Handle ?? PigpioError.NoHandle;
            case PigpioCommand.Nb or PigpioCommand.Np or PigpioCommand.Nc:
                return _server.ControlNotifier(command, p1, p2);
            case PigpioCommand.No:
                return _server.OpenPipe(MaxQueuedReports);
            case PigpioCommand.Proc:
                return PigpioError.NoScriptRoom;
            case PigpioCommand.Procd or PigpioCommand.Procr or PigpioCommand.Procs or PigpioCommand.Procp or PigpioCommand.Procu:
                return PigpioError.BadScriptId;
            case PigpioCommand.Fo:
                return PigpioError.NoFileAccess;
            case PigpioCommand.Fc or PigpioCommand.Fr or PigpioCommand.Fw or PigpioCommand.Fs:
                return PigpioError.BadHandle;
            case PigpioCommand.Fl:
                return PigpioError.NoFileMatch;
            case PigpioCommand.Shell:
                return PigpioError.BadShellStatus;
            default:
                return PigpioError.UnknownCommand;
        }
    }

    internal async Task SendAsync(ReadOnlyMemory<byte> data)
    {
        await _sending.WaitAsync(_stopping).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                int sent = await _socket.SendAsync(data, SocketFlags.None, _stopping).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task<bool> ReceiveExactlyAsync(Memory<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            int n = await _socket.ReceiveAsync(buffer, SocketFlags.None, _stopping).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            buffer = buffer[n..];
        }

        return true;
    }

    private async Task<bool> DiscardAsync(int length)
    {
        byte[] scratch = new byte[Math.Min(length, 4096)];
        while (length > 0)
        {
            if (!await ReceiveExactlyAsync(scratch.AsMemory(0, Math.Min(length, scratch.Length))).ConfigureAwait(false))
            {
                return false;
            }

            length -= Math.Min(length, scratch.Length);
        }

        return true;
    }
}
