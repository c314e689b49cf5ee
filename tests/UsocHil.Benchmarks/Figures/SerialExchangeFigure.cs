using System.Diagnostics;
using System.Globalization;
using System.IO.Ports;
using Serilog.Core;
using UsocHil.Links.Serial;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 1: a 16-byte command and its 16-byte response over a pty pair. Every client talks to the same C echo peer
/// (bench/floor/pty_pingpong.c); the floor is the same C program's raw read/write client.
/// </summary>
public sealed class SerialExchangeFigure : IFigure
{
    private const int MessageBytes = 16;

    public string Name => "1. Serial command/response over a pty";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        string floorTool = FloorTools.PtyPingPong(settings);
        int exchanges = settings.Scale(20_000);

        // The floor and the harness take turns, each row the median of its rounds: the pty's round trip moves by half
        // between quiet and busy minutes of a shared machine (61-131 µs for the same C floor), so one measurement of
        // each, a minute apart, compared two different machines.
        const int Rounds = 3;
        var floors = new List<double>();
        var harnesses = new List<double>();
        await using var echo = await EchoPeer.StartAsync(floorTool, MessageBytes, cancellationToken);
        for (int round = 0; round < Rounds; round++)
        {
            floors.Add(double.Parse(await Processes.OutputAsync(floorTool, $"floor {exchanges} {MessageBytes}", cancellationToken), CultureInfo.InvariantCulture));
            harnesses.Add(await MeasureTtyLinkAsync(echo.Path, exchanges, cancellationToken));
        }

        double floor = floors.Order().ElementAt(Rounds / 2);
        double harness = harnesses.Order().ElementAt(Rounds / 2);
        FigureNotes.Add(FormattableString.Invariant($"1. rounds, floor then TtyLink: {string.Join(", ", floors.Zip(harnesses, (f, h) => $"{f:F1}/{h:F1} µs"))}"));
        double serialPort = MeasureSerialPort(echo.Path, settings.Scale(2_000));
        double pyserial = await MeasurePyserialAsync(echo.Path, exchanges, cancellationToken);

        const string goal = "≤ 1.5× floor";
        return
        [
            new(Name, $"UsocHil TtyLink (fast path), median of {Rounds} rounds taking turns with the floor", harness, "µs", "C read/write on openpty", floor, goal, harness <= 1.5 * floor),
            new(Name, "System.IO.Ports.SerialPort, naive", serialPort, "µs", "C read/write on openpty", floor, "peer", true),
            new(Name, "pyserial 3.5", pyserial, "µs", "C read/write on openpty", floor, "peer", true),
        ];
    }

    private static async Task<double> MeasureTtyLinkAsync(string path, int exchanges, CancellationToken cancellationToken)
    {
        await using TtyLink link = TtyLink.Open("bench", path, new SerialSettings(), Logger.None);
        byte[] command = new byte[MessageBytes];
        byte[] response = new byte[MessageBytes];
        Array.Fill(command, (byte)0x5A);

        async Task ExchangeAsync()
        {
            await link.WriteAsync(command, cancellationToken);
            int got = 0;
            while (got < MessageBytes)
            {
                got += await link.ReadAsync(response.AsMemory(got), cancellationToken);
            }
        }

        for (int i = 0; i < exchanges / 10; i++)
        {
            await ExchangeAsync();
        }

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            await ExchangeAsync();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
    }

    /// <summary>What most people write first: SerialPort with its BaseStream, blocking reads.</summary>
    private static double MeasureSerialPort(string path, int exchanges)
    {
        using var port = new SerialPort(path, 115200) { DtrEnable = false, RtsEnable = false, ReadTimeout = 5000 };
        port.Open();
        byte[] command = new byte[MessageBytes];
        byte[] response = new byte[MessageBytes];
        void Exchange()
        {
            port.BaseStream.Write(command);
            int got = 0;
            while (got < MessageBytes)
            {
                got += port.BaseStream.Read(response, got, MessageBytes - got);
            }
        }

        for (int i = 0; i < exchanges / 10; i++)
        {
            Exchange();
        }

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            Exchange();
        }

        double result = Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
        port.Close();
        return result;
    }

    private static async Task<double> MeasurePyserialAsync(string path, int exchanges, CancellationToken cancellationToken)
    {
        string script =
            "import serial,sys,time\n" +
            $"s=serial.Serial('{path}',115200,timeout=5)\n" +
            $"n={exchanges};m=b'Z'*{MessageBytes}\n" +
            "for _ in range(n//10): s.write(m); s.read(len(m))\n" +
            "t=time.perf_counter()\n" +
            "for _ in range(n): s.write(m); s.read(len(m))\n" +
            "print((time.perf_counter()-t)*1e6/n)\n";
        string output = await Processes.OutputAsync("/usr/bin/python3", "-c \"" + script.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", cancellationToken);
        return double.Parse(output, CultureInfo.InvariantCulture);
    }
}
