using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace UsocHil.Tests.Protocols.Scpi;

/// <summary>
/// A reference thermometer on a real loopback socket (127.0.0.1, port 0) that may answer late: the n-th
/// <c>MEAS:TEMP?</c> answers 100 + n, after the delay <paramref name="delay"/> gives for n. It works through its input
/// in order, as an instrument does; *IDN?, *OPC?, *ESR? and SYST:ERR? answer at once.
/// </summary>
internal sealed class LateScpiInstrument : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<int, TimeSpan> _delay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _measurements;

    public LateScpiInstrument(Func<int, TimeSpan> delay)
    {
        _delay = delay;
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Each MEAS:TEMP? received, with the number and the answer it got (in order).</summary>
    public ConcurrentQueue<(int Number, double Answer)> Answers { get; } = new();

    public int MeasurementsReceived => Volatile.Read(ref _measurements);

    public static double AnswerTo(int number) => 100 + number;

    public async Task WaitForMeasurementAsync(int number, CancellationToken cancellationToken)
    {
        while (MeasurementsReceived < number)
        {
            await Task.Delay(5, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        using Socket client = await _listener.AcceptSocketAsync(_stop.Token);
        await using var stream = new NetworkStream(client);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            string command = line.Trim();
            string? answer = command switch
            {
                "*IDN?" => "USOCHIL,DMM-LATE,1,1.0",
                "*OPC?" => "1",
                "*ESR?" => "0",
                "SYST:ERR?" => "0,\"No error\"",
                "MEAS:TEMP?" => await MeasureAsync(),
                _ => null,
            };
            if (answer is not null)
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(answer + "\n"), _stop.Token);
            }
        }
    }

    private async Task<string> MeasureAsync()
    {
        int number = Interlocked.Increment(ref _measurements);
        await Task.Delay(_delay(number), _stop.Token);
        Answers.Enqueue((number, AnswerTo(number)));
        return AnswerTo(number).ToString("E6", CultureInfo.InvariantCulture);
    }
}
