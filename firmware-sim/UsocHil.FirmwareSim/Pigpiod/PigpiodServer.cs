using System.Net;
using System.Net.Sockets;
using Serilog;
using UsocHil.Gpio.Drivers.Pigpio;

namespace UsocHil.FirmwareSim.Pigpiod;

/// <summary>
/// A pigpiod-compatible socket server over an <see cref="EmulatedPinBank"/>, so the harness' pigpio driver, Debian's
/// <c>pigs</c>, the Python <c>pigpio</c> module and gpiozero's PiGPIOFactory can all drive an emulated rig. Serves the
/// GPIO subset (levels, modes, pulls, bank reads and writes, software and hardware PWM, servo pulses, glitch and noise
/// filters, TICK, HWVER, PIGPV, and notifications NOIB/NO/NB/NP/NC); refuses scripts, files and shell with pigpio's error
/// codes; answers anything else with PI_UNKNOWN_COMMAND. The Pigpiod README lists the commands.
/// Binds 127.0.0.1 unless told otherwise.
/// </summary>
public sealed class PigpiodServer : IAsyncDisposable
{
    /// <summary>Connections beyond this are closed at once: each one holds a task and a few hundred bytes.</summary>
    public const int MaxConnections = 32;

    /// <summary>pigpio allows 32 notification handles.</summary>
    private const int MaxNotifiers = 32;

    private readonly Socket _listener;
    private readonly EmulatedPinBank _pins;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _log;
    private readonly long _started;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<PigpiodConnection> _connections = [];
    private readonly Task _accepting;
    private readonly Dictionary<int, PigpiodNotifier> _notifiers = [];
    private readonly PigpiodAlerts _alerts;
    private readonly string? _pipeDirectory;
    private int _disposed;

    /// <param name="pipeDirectory">
    /// Where NO makes its notification pipes (pigpiod's /dev); null refuses NO with PI_NOT_PERMITTED. Pipes only reach
    /// clients on this machine, which read <c>pigpio&lt;handle&gt;</c> there.
    /// </param>
    public PigpiodServer(EmulatedPinBank pins, TimeProvider timeProvider, ILogger log, IPAddress? address = null, int port = 0, string? pipeDirectory = null)
    {
        _pipeDirectory = pipeDirectory;
        address ??= IPAddress.Loopback;
        _pins = pins;
        _timeProvider = timeProvider;
        _log = log;
        _started = timeProvider.GetTimestamp();
        _alerts = new PigpiodAlerts(pins, timeProvider, () => Tick);
        if (!IPAddress.IsLoopback(address))
        {
            log.Warning("pigpiod emulator binds {Address}, which is not loopback: anyone on the network can drive the rig's GPIO", address);
        }

        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            _listener.Bind(new IPEndPoint(address, port));
            _listener.Listen(16);
        }
        catch
        {
            _listener.Dispose();
            throw;
        }

        LocalEndpoint = (IPEndPoint)_listener.LocalEndPoint!;
        log.Information("pigpiod emulator listening on {Endpoint}", LocalEndpoint);
        _accepting = Task.Run(AcceptLoopAsync);
    }

    public IPEndPoint LocalEndpoint { get; }

    public int Port => LocalEndpoint.Port;

    public EmulatedPinBank Pins => _pins;

    /// <summary>pigpio's tick: microseconds since the server started, wrapping at 2^32.</summary>
    internal uint Tick => unchecked((uint)(_timeProvider.GetElapsedTime(_started).Ticks / TimeSpan.TicksPerMicrosecond));

    internal ILogger Log => _log;

    /// <summary>NOIB: a new in-band notification handle on this connection, or null when all 32 are taken.</summary>
    internal PigpiodNotifier? OpenNotifier(PigpiodConnection connection, int capacity) =>
        Open(handle => new PigpiodNotifier(handle, connection.SendAsync, connection.Close, _alerts, capacity));

    /// <summary>
    /// NO: a new notification pipe in the pipe directory; PI_NOT_PERMITTED (-41) when the server has none,
    /// PI_NO_HANDLE (-24) when all 32 handles are taken.
    /// </summary>
    internal int OpenPipe(int capacity)
    {
        if (_pipeDirectory is null)
        {
            return PigpioError.NotPermitted;
        }

        try
        {
            return Open(handle =>
            {
                PigpiodPipe pipe = PigpiodPipe.Create(_pipeDirectory, handle);
                _log.Debug("pigpiod emulator: notification pipe {Path} opened", pipe.Path);
                return new PigpiodNotifier(handle, pipe.WriteAsync, pipe.Dispose, _alerts, capacity);
            })?.Handle ?? PigpioError.NoHandle;
        }
        catch (IOException e)
        {
            _log.Warning("pigpiod emulator: {Error}", e.Message);
            return PigpioError.NotPermitted;
        }
    }

    private PigpiodNotifier? Open(Func<int, PigpiodNotifier> create)
    {
        lock (_notifiers)
        {
            for (int handle = 0; handle < MaxNotifiers; handle++)
            {
                if (!_notifiers.ContainsKey(handle))
                {
                    PigpiodNotifier notifier = create(handle);
                    _notifiers.Add(handle, notifier);
                    return notifier;
                }
            }

            return null;
        }
    }

    /// <summary>NB, NP, NC, which may come on any socket (pigpio's Python module sends NB on its command socket).</summary>
    internal int ControlNotifier(PigpioCommand command, uint handle, uint bits)
    {
        PigpiodNotifier? notifier;
        lock (_notifiers)
        {
            _notifiers.TryGetValue((int)Math.Min(handle, int.MaxValue), out notifier);
        }

        if (notifier is null)
        {
            return PigpioError.BadHandle;
        }

        switch (command)
        {
            case PigpioCommand.Nb:
                notifier.Begin(bits);
                break;
            case PigpioCommand.Np:
                notifier.Pause();
                break;
            default:
                // pigpio closes an in-band notification socket, or a pipe, when its handle is closed
                CloseNotifier(notifier.Handle);
                break;
        }

        return 0;
    }

    internal void CloseNotifier(int handle)
    {
        lock (_notifiers)
        {
            if (_notifiers.Remove(handle, out PigpiodNotifier? notifier))
            {
                notifier.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _listener.Dispose();
        PigpiodConnection[] open;
        lock (_connections)
        {
            open = [.. _connections];
        }

        foreach (PigpiodConnection connection in open)
        {
            connection.Close();
        }

        await Task.WhenAll(open.Select(c => c.Running).Append(_accepting)).ConfigureAwait(false);
        int[] handles;
        lock (_notifiers)
        {
            handles = [.. _notifiers.Keys];
        }

        foreach (int handle in handles)
        {
            CloseNotifier(handle);
        }

        _alerts.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (_connections)
            {
                if (_connections.Count >= MaxConnections)
                {
                    _log.Warning("pigpiod emulator refuses {Remote}: {Max} connections already open", client.RemoteEndPoint, MaxConnections);
                    client.Dispose();
                    continue;
                }

                var connection = new PigpiodConnection(client, this, _pins, _stopping.Token);
                _connections.Add(connection);
                connection.Running = RunAsync(connection);
            }
        }
    }

    private async Task RunAsync(PigpiodConnection connection)
    {
        await Task.Yield();
        try
        {
            await connection.ServeAsync().ConfigureAwait(false);
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(connection);
            }
        }
    }
}
