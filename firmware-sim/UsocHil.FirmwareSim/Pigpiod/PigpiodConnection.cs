using System.Buffers.Binary;
using System.Net.Sockets;
using System.Threading.Channels;
using Serilog;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// One client of the pigpiod emulator: reads 16-byte requests, skips extension bytes, answers 16-byte responses.
/// Memory per connection is fixed: a request buffer, a discard buffer and at most <see cref="MaxQueuedReports"/>
/// notification reports (the oldest are dropped if the client does not read them, as pigpio drops on overflow).
/// </summary>
internal sealed class PigpiodConnection
{
    /// <summary>Largest extension accepted (pigpio's own limit for most commands is far below).</summary>
    private const int MaxExtension = 64 * 1024;
    private const int MaxQueuedReports = 256;

    private readonly Socket _socket;
    private readonly PigpiodServer _server;
    private readonly EmulatedPinBank _pins;
    private readonly CancellationToken _stopping;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly byte[] _request = new byte[16];
    private readonly byte[] _response = new byte[16];
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

                if (p3 > 0 && !await DiscardAsync((int)p3).ConfigureAwait(false))
                {
                    return;
                }

                int result = Execute(command, p1, p2);
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

    private int Execute(PigpioCommand command, uint p1, uint p2)
    {
        int gpio = p1 < EmulatedPinBank.PinCount ? (int)p1 : -1;
        switch (command)
        {
            case PigpioCommand.Modes:
                return gpio < 0 ? PigpioError.BadGpio : p2 > 7 ? PigpioError.BadMode : Do(() => _pins.SetMode(gpio, p2));
            case PigpioCommand.Modeg:
                return gpio < 0 ? PigpioError.BadGpio : (int)_pins.GetMode(gpio);
            case PigpioCommand.Pud:
                return gpio < 0 ? PigpioError.BadGpio : p2 > 2 ? PigpioError.BadPud : Do(() => _pins.SetPull(gpio, p2));
            case PigpioCommand.Read:
                return gpio < 0 ? PigpioError.BadGpio : _pins.GetLevel(gpio) ? 1 : 0;
            case PigpioCommand.Write:
                return gpio < 0 ? PigpioError.BadGpio : p2 > 1 ? PigpioError.BadLevel : Do(() => _pins.Write(gpio, p2 == 1));
            case PigpioCommand.Br1:
                return unchecked((int)(uint)_pins.ReadAll());
            case PigpioCommand.Br2:
                return (int)(_pins.ReadAll() >> 32);
            case PigpioCommand.Bs1 or PigpioCommand.Bc1:
                return Do(() => _pins.WriteBank(0, p1, command == PigpioCommand.Bs1));
            case PigpioCommand.Bs2 or PigpioCommand.Bc2:
                return Do(() => _pins.WriteBank(32, p1, command == PigpioCommand.Bs2));
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
                return PigpioError.NotPermitted; // pipe notifications need /dev/pigpioN on the daemon's host
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

    private static int Do(Action action)
    {
        action();
        return 0;
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
