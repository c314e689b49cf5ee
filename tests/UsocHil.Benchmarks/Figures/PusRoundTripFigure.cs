using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serilog.Core;
using UsocHil.Dictionary;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Hosting;
using UsocHil.Framing;
using UsocHil.Links.Tcp;
using UsocHil.Protocols.Pus;
using UsocHil.Time;
using UsocHil.Description;

namespace UsocHil.Benchmarks.Figures;

/// <summary>
/// Figure 2: a telecommand (TC[17,1] ARE_YOU_ALIVE, acceptance asked) and its acceptance report, over TCP loopback to
/// the furnace emulator's payload endpoint, through TcpLink + LengthDelimitedFramer + PusClient. The floor is raw
/// blocking send/recv in C of the same byte sizes (bench/floor/tcp_pingpong.c, TCP_NODELAY, built with gcc in the same
/// run). Between them, a breakdown: the same PusClient against a far side that does the least PUS work possible, and
/// TcpLink async reads and writes with no PUS at all; plus blocking sockets in C# as a peer.
/// </summary>
public sealed class PusRoundTripFigure : IFigure
{
    public string Name => "2. PUS telecommand → acceptance over TCP";

    public async Task<IReadOnlyList<FigureRow>> MeasureAsync(FigureSettings settings, CancellationToken cancellationToken)
    {
        int exchanges = settings.Scale(5_000);
        // 30x rig time only shortens the controller's 3 s boot; command handling does not depend on the scale.
        var rigTime = new VirtualTimeProvider(TimeProvider.System, 30);
        await using EmulatedFurnaceRig rig = EmulatedFurnaceRig.Start(rigTime, new EmulatedFurnaceRigOptions { Bench = new FurnaceBenchOptions(), TimeScale = 30 }, Logger.None);
        rig.Bench.Run(b =>
        {
            b.Supply.VoltageSetpoint = 28;
            b.Supply.CurrentLimit = 25;
            b.Supply.OutputOn = true;
        });
        rig.Bench.PowerEnable = true;
        var dictionary = new DictionaryCodec(rig.Options.Bench.Rig.Dictionary, (ushort)rig.Options.Bench.Rig.Apid);
        Telecommand command = dictionary.EncodeCommand("ARE_YOU_ALIVE", null, AckFlags.Acceptance);
        int commandBytes = dictionary.Codec.GetEncodedLength(command);
        int reportBytes = dictionary.Codec.GetEncodedLength(new Telemetry { Apid = dictionary.Apid, Service = 1, Subtype = 1, ApplicationData = new byte[4] });

        await using TcpLink link = await TcpClientLink.ConnectAsync(
            "bench", FurnaceRigEndpoints.Host, rig.Endpoints.PayloadTcpPort, TimeSpan.FromSeconds(5), TimeProvider.System, Logger.None, cancellationToken);
        await using var client = new PusClient(link, new LengthDelimitedFramer(), dictionary.Codec, TimeProvider.System, Logger.None);
        client.Start();
        var timing = new CommandVerificationTiming(5, 10);
        await WaitUntilBootedAsync(client, command, timing, cancellationToken);

        await WarmUpAsync(settings, exchanges, () => client.SendAsync(command, timing, cancellationToken, "ARE_YOU_ALIVE"));

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            await client.SendAsync(command, timing, cancellationToken, "ARE_YOU_ALIVE");
        }

        double harness = Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
        double minimal = await MinimalResponderAsync(settings, dictionary, command, timing, exchanges, cancellationToken);
        double asyncLinks = await TcpLinkPingPongAsync(settings, commandBytes, reportBytes, exchanges, cancellationToken);
        double blocking = RawSocketPingPong(commandBytes, reportBytes, exchanges);
        string tool = FloorTools.TcpPingPong(settings);
        double floor = double.Parse(await Processes.OutputAsync(tool, $"{exchanges} {commandBytes} {reportBytes}", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        const string c = "C send/recv over TCP loopback, same sizes";
        return
        [
            new(Name, $"PusClient.SendAsync on TcpLink to the emulator ({commandBytes} B → {reportBytes} B)", harness, "µs", c, floor, "≤ 1.5× floor", harness <= 1.5 * floor),
            new(Name, "breakdown: the same PusClient against a minimal in-process PUS responder", minimal, "µs", c, floor, "breakdown", true),
            new(Name, "breakdown: TcpLink ReadAsync/WriteAsync both ends, no PUS", asyncLinks, "µs", c, floor, "breakdown", true),
            new(Name, "blocking Socket Send/Receive in C#, same sizes", blocking, "µs", c, floor, "peer", true),
        ];
    }

    private static async Task<double> MinimalResponderAsync(FigureSettings settings, DictionaryCodec dictionary, Telecommand command, CommandVerificationTiming timing, int exchanges, CancellationToken cancellationToken)
    {
        await using var responder = new MinimalPusResponder(dictionary.Codec, dictionary.Apid);
        await using TcpLink link = await TcpClientLink.ConnectAsync(
            "bench", FurnaceRigEndpoints.Host, responder.Port, TimeSpan.FromSeconds(5), TimeProvider.System, Logger.None, cancellationToken);
        await using var client = new PusClient(link, new LengthDelimitedFramer(), dictionary.Codec, TimeProvider.System, Logger.None);
        client.Start();
        await WarmUpAsync(settings, exchanges, () => client.SendAsync(command, timing, cancellationToken, "ARE_YOU_ALIVE"));

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            await client.SendAsync(command, timing, cancellationToken, "ARE_YOU_ALIVE");
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
    }

    private static async Task<double> TcpLinkPingPongAsync(FigureSettings settings, int requestBytes, int replyBytes, int exchanges, CancellationToken cancellationToken)
    {
        await using var listener = new TcpLinkListener("echo", Logger.None);
        Task<TcpLink> accepting = listener.AcceptAsync(cancellationToken).AsTask();
        await using TcpLink link = await TcpClientLink.ConnectAsync(
            "bench", FurnaceRigEndpoints.Host, listener.Port, TimeSpan.FromSeconds(5), TimeProvider.System, Logger.None, cancellationToken);
        await using TcpLink peer = await accepting;
        // The echo answers until the client closes its side after the measured exchanges.
        Task echo = Task.Run(async () =>
        {
            byte[] request = new byte[requestBytes];
            byte[] reply = new byte[replyBytes];
            while (await TryFillAsync(peer, request, cancellationToken))
            {
                await peer.WriteAsync(reply, cancellationToken);
            }
        }, cancellationToken);
        byte[] send = new byte[requestBytes];
        byte[] receive = new byte[replyBytes];
        await WarmUpAsync(settings, exchanges, async () =>
        {
            await link.WriteAsync(send, cancellationToken);
            await FillAsync(link, receive, cancellationToken);
        });

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            await link.WriteAsync(send, cancellationToken);
            await FillAsync(link, receive, cancellationToken);
        }

        double result = Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
        await link.DisposeAsync();
        await echo;
        return result;
    }

    /// <summary>
    /// Exchanges until the JIT has tiered the path up, as figure 5 warms its paths: at least <see cref="WarmUpTime"/>,
    /// then batches until one runs within 3 % of the one before (at most <see cref="MaxWarmUpTime"/>). On a busy 2-core
    /// machine the background compiler takes seconds to bring a path from tier 0 through the instrumented tier to tier 1;
    /// a count-only warm-up measured mostly instrumented code on the emulator row (×2.5 its steady rate).
    /// </summary>
    private static async Task WarmUpAsync(FigureSettings settings, int exchanges, Func<Task> exchange)
    {
        int batch = Math.Max(10, exchanges / 10);
        long start = Stopwatch.GetTimestamp();
        double previous = double.MaxValue;
        while (true)
        {
            long batchStart = Stopwatch.GetTimestamp();
            for (int i = 0; i < batch; i++)
            {
                await exchange();
            }

            double mean = Stopwatch.GetElapsedTime(batchStart).TotalMicroseconds / batch;
            TimeSpan spent = Stopwatch.GetElapsedTime(start);
            if (settings.Smoke || spent >= MaxWarmUpTime || (spent >= WarmUpTime && Math.Abs(mean - previous) <= 0.03 * previous))
            {
                return;
            }

            previous = mean;
        }
    }

    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWarmUpTime = TimeSpan.FromSeconds(15);

    private static async Task FillAsync(TcpLink link, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(link, buffer, cancellationToken))
        {
            throw new EndOfStreamException($"{link.Info.Endpoint} closed before {buffer.Length} bytes");
        }
    }

    /// <summary>Fills the buffer; false when the peer closed the link before the first byte.</summary>
    private static async Task<bool> TryFillAsync(TcpLink link, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = await link.ReadAsync(buffer[got..], cancellationToken);
            if (n == 0)
            {
                return got == 0 ? false : throw new EndOfStreamException($"{link.Info.Endpoint} closed after {got} of {buffer.Length} bytes");
            }

            got += n;
        }

        return true;
    }

    /// <summary>The controller answers NOT_READY while it boots after power-on.</summary>
    private static async Task WaitUntilBootedAsync(PusClient client, Telecommand command, CommandVerificationTiming timing, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await client.SendAsync(command, timing, cancellationToken, "ARE_YOU_ALIVE");
                return;
            }
            catch (CommandFailedException e) when (e.FailureCode == NotReady)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cancellationToken);
            }
        }
    }

    private const ushort NotReady = 8;

    private static double RawSocketPingPong(int requestBytes, int replyBytes, int exchanges)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        int total = exchanges + Math.Max(10, exchanges / 10);
        var echo = new Thread(() =>
        {
            using Socket peer = listener.Accept();
            peer.NoDelay = true;
            byte[] request = new byte[requestBytes];
            byte[] reply = new byte[replyBytes];
            for (int i = 0; i < total; i++)
            {
                Fill(peer, request);
                peer.Send(reply);
            }
        }) { IsBackground = true };
        echo.Start();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(listener.LocalEndPoint!);
        byte[] send = new byte[requestBytes];
        byte[] receive = new byte[replyBytes];
        for (int i = 0; i < total - exchanges; i++)
        {
            socket.Send(send);
            Fill(socket, receive);
        }

        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < exchanges; i++)
        {
            socket.Send(send);
            Fill(socket, receive);
        }

        double result = Stopwatch.GetElapsedTime(start).TotalMicroseconds / exchanges;
        echo.Join();
        return result;
    }

    private static void Fill(Socket socket, byte[] buffer)
    {
        int got = 0;
        while (got < buffer.Length)
        {
            int n = socket.Receive(buffer, got, buffer.Length - got, SocketFlags.None);
            if (n == 0)
            {
                throw new EndOfStreamException($"{socket.RemoteEndPoint} closed after {got} of {buffer.Length} bytes");
            }

            got += n;
        }
    }
}
