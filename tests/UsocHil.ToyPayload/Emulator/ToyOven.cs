using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Serilog;
using UsocHil.Description;
using UsocHil.Emulation;
using UsocHil.Rigs;

namespace UsocHil.ToyPayload.Emulator;

/// <summary>
/// The toy oven's emulator: a heater driving TEMP toward TARGET (toward 20 °C when off) with a 10 s time constant in
/// rig time, speaking the toy line protocol on a TCP port of 127.0.0.1. Its hidden truth (one JSON line per change of
/// state, and a last one when it stops) is what a test reads to know the oven was left safe.
/// </summary>
public sealed class ToyOven : IEmulatedRig
{
    private const double Ambient = 20;
    private const double TimeConstantSeconds = 10;
    private static readonly TimeSpan s_tick = TimeSpan.FromSeconds(0.5);

    private readonly object _state = new();
    private readonly TcpListener _listener;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly string? _truthFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _physics;
    private readonly Task _accepting;
    private NetworkStream? _client;
    private double _temp = Ambient;
    private double _target = Ambient;
    private bool _heat;
    private bool _safe = true;

    private ToyOven(EmulatorStart start)
    {
        _time = start.Time;
        _log = start.Log;
        _truthFile = start.TruthFile;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        int port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        Binding = new RigBinding
        {
            Links = new Dictionary<string, EndpointBinding> { ["payload"] = new() { Tcp = new NetworkBinding { Host = "127.0.0.1", Port = port } } },
        };
        Endpoints = [$"payload (toy-line)  tcp 127.0.0.1:{port}"];
        WriteTruth("started");
        _physics = _time.CreateTimer(_ => Tick(), null, s_tick, s_tick);
        _accepting = Task.Run(AcceptAsync);
    }

    public RigBinding Binding { get; }

    /// <summary>The oven has no discrete lines.</summary>
    public IRigLines? Lines { get; } = new NoLines();

    public IReadOnlyList<string> Endpoints { get; }

    public static IEmulatedRig Start(EmulatorStart start) => new ToyOven(start);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _physics.DisposeAsync().ConfigureAwait(false);
        _listener.Stop();
        _client?.Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        WriteTruth("stopped");
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            using TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            client.NoDelay = true;
            NetworkStream stream = client.GetStream();
            lock (_state)
            {
                _client = stream;
            }

            using var reader = new StreamReader(stream, Encoding.ASCII);
            try
            {
                while (await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
                {
                    Send(Answer(line.Trim()));
                }
            }
            catch (IOException)
            {
                // the harness went away; wait for it to come back
            }

            lock (_state)
            {
                _client = null;
            }
        }
    }

    private string Answer(string line)
    {
        string[] words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        lock (_state)
        {
            switch (words)
            {
                case ["PING"]:
                    return "OK";
                case ["TEMP?"]:
                    return "TEMP " + Format(_temp);
                case ["TARGET?"]:
                    return "TARGET " + Format(_target);
                case ["SET", "TARGET", var value] when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double target) && target is >= 0 and <= 100:
                    _target = target;
                    WriteTruth(line);
                    return "OK";
                case ["SET", "TARGET", _]:
                    return "ERR TARGET must be 0 to 100";
                case ["HEAT", "ON"]:
                    _heat = true;
                    _safe = false;
                    WriteTruth(line);
                    return "OK";
                case ["HEAT", "OFF"]:
                    _heat = false;
                    WriteTruth(line);
                    return "OK";
                case ["SAFE"]:
                    _heat = false;
                    _target = Ambient;
                    _safe = true;
                    WriteTruth(line);
                    return "OK";
                default:
                    return "ERR unknown request";
            }
        }
    }

    private void Tick()
    {
        string telemetry;
        lock (_state)
        {
            double goal = _heat ? _target : Ambient;
            _temp += (goal - _temp) * (1 - Math.Exp(-s_tick.TotalSeconds / TimeConstantSeconds));
            telemetry = $"TM TEMP={Format(_temp)} TARGET={Format(_target)} HEAT={(_heat ? 1 : 0)}";
        }

        Send(telemetry);
    }

    private void Send(string line)
    {
        lock (_state)
        {
            try
            {
                _client?.Write(Encoding.ASCII.GetBytes(line + "\n"));
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException)
            {
                _log.Debug("toy oven: the harness is gone ({Message})", e.Message);
            }
        }
    }

    private void WriteTruth(string why)
    {
        if (_truthFile is null)
        {
            return;
        }

        lock (_state)
        {
            string line = JsonSerializer.Serialize(new { rigTime = _time.GetUtcNow(), why, temp = _temp, target = _target, heat = _heat, safe = _safe });
            File.AppendAllText(_truthFile, line + "\n");
        }
    }

    private static string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private sealed class NoLines : IRigLines
    {
        public Task SetAsync(string line, bool asserted, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the toy oven has no line '{line}'");

        public Task<bool> ReadAsync(string line, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"the toy oven has no line '{line}'");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
