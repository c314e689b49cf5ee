using System.Collections.Concurrent;
using System.Threading.Channels;
using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Time;

namespace UsocHil.FirmwareSim.Furnace.Pus;

/// <summary>
/// The furnace engineering model on its payload link: decodes telecommands, answers with service 1 verification and
/// service reports, and sends housekeeping and events to every connected session. Serial sessions frame packets
/// with the sync marker, TCP sessions by length. A powered-down controller hears nothing and says nothing.
/// </summary>
public sealed class FurnaceEmulator : IFurnaceTelemetrySink, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<Session, byte> _sessions = new();
    private readonly Random _faultRandom;
    private readonly Lock _faultGate = new();
    private readonly ParameterWire _wire;
    private int _sessionNumber;
    private List<byte[]>? _deferredEvents;

    public FurnaceEmulator(TimeProvider time, FurnaceBenchOptions options, ILogger log)
    {
        _time = time;
        _log = log;
        _faultRandom = new Random(unchecked((options.SerialNumber * 31) + 7));
        _wire = new ParameterWire(options.Rig.Dictionary);
        Codec = new PusCodec(options.Rig.Profile);
        Telemetry = new TelemetryFactory(Codec, (ushort)options.Rig.Apid, time.GetUtcNow());
        Bench = new FurnaceBench(time, options, this, log);
        Handler = new TelecommandHandler(Bench, _wire);
    }

    public FurnaceBench Bench { get; }

    public PusCodec Codec { get; }

    public TelemetryFactory Telemetry { get; }

    public TelecommandHandler Handler { get; }

    /// <summary>Telecommands received and decoded, for tests and the console.</summary>
    public long TelecommandsReceived => Interlocked.Read(ref _telecommands);

    private long _telecommands;

    /// <summary>Serves one harness connection until it closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ServeAsync(ILink link, string transport, CancellationToken cancellationToken)
    {
        FaultPlan faults = Bench.Faults;
        ILink wire = faults.AffectsLinkBytes ? new FaultyLink(link, faults, Bench.Unit.SerialNumber + Interlocked.Increment(ref _sessionNumber)) : link;
        IPacketFramer framer = transport == "serial"
            ? new SyncMarkerFramer(Codec.Layout.ErrorControl, _time, _log, new SyncMarkerFramerOptions { MidPacketTimeout = ScaledWallTime(TimeSpan.FromMilliseconds(500)) })
            : new LengthDelimitedFramer(Codec.Layout.MaxPacketLength);
        var session = new Session(wire, framer);
        _sessions[session] = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task writer = WriteLoopAsync(session, stop.Token);
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> packet;
                try
                {
                    packet = await framer.ReadPacketAsync(wire, stop.Token).ConfigureAwait(false);
                }
                catch (FramingException e)
                {
                    _log.Warning("Furnace link {Link} lost framing: {Reason}", link.Info.Endpoint, e.Message);
                    return;
                }

                Receive(session, packet);
            }
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            session.Outgoing.Writer.TryComplete();
            await stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
        }
    }

    public void Event(FurnaceEvent furnaceEvent)
    {
        byte[] data = furnaceEvent.Value is double value ? new AppDataWriter().Value(Dictionary.WireType.Float32, value).ToArray() : [];
        var report = new EventReport(EventReport.ParseSeverity(furnaceEvent.Definition.Severity), (ushort)furnaceEvent.Definition.Id) { Data = data };
        byte[] packet = Telemetry.Encode(report.ToTelemetry(Telemetry.Apid), furnaceEvent.RigTime);
        if (_deferredEvents is { } deferred)
        {
            // Raised while executing a telecommand: reported after that command's acceptance and completion.
            deferred.Add(packet);
            return;
        }

        Broadcast(packet);
    }

    public void Housekeeping(HousekeepingSample report)
    {
        var writer = new AppDataWriter();
        foreach (ParameterReading reading in report.Values)
        {
            writer.Value(ParameterWire.Type(reading.Definition), ParameterWire.ToRaw(reading.Definition, reading.Value));
        }

        var tm = new Protocols.Pus.Services.HousekeepingReport((byte)report.Structure.StructureId, writer.ToArray());
        Broadcast(Telemetry.Encode(tm.ToTelemetry(Telemetry.Apid), report.RigTime));
    }

    public void Dispose() => Bench.Dispose();

    private void Receive(Session session, ReadOnlyMemory<byte> packet)
    {
        Telecommand tc;
        try
        {
            tc = Codec.DecodeTelecommand(packet.Span);
        }
        catch (PacketDecodeException e)
        {
            _log.Debug("Furnace dropped an undecodable packet: {Reason}", e.Message);
            return;
        }

        if (tc.Apid != Telemetry.Apid)
        {
            return;
        }

        Interlocked.Increment(ref _telecommands);
        List<byte[]> events = [];
        byte[][]? replies = Bench.Run(b =>
        {
            if (!b.Controller.IsPowered)
            {
                return null;
            }

            _deferredEvents = events;
            try
            {
                return Handler.Handle(tc).Select(tm => Telemetry.Encode(tm, b.RigTime, tc.SourceId)).ToArray();
            }
            finally
            {
                _deferredEvents = null;
            }
        });
        if (replies is null)
        {
            return;
        }

        if (Chance(Bench.Faults.NoResponseRate))
        {
            replies = [];
        }

        TimeSpan delay = Bench.Faults.ResponseDelay;
        if (delay <= TimeSpan.Zero)
        {
            Send(session, replies);
            events.ForEach(Broadcast);
            return;
        }

        _ = Task.Delay(delay, _time).ContinueWith(
            _ =>
            {
                Send(session, replies);
                events.ForEach(Broadcast);
            },
            TaskScheduler.Default);
    }

    private static void Send(Session session, IEnumerable<byte[]> packets)
    {
        foreach (byte[] packet in packets)
        {
            session.Outgoing.Writer.TryWrite(packet);
        }
    }

    private void Broadcast(byte[] packet)
    {
        foreach (Session session in _sessions.Keys)
        {
            session.Outgoing.Writer.TryWrite(packet);
        }
    }

    private async Task WriteLoopAsync(Session session, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (byte[] packet in session.Outgoing.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await session.Framer.WritePacketAsync(session.Link, packet, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or LinkException or ObjectDisposedException)
        {
        }
    }

    private bool Chance(double probability)
    {
        if (probability <= 0)
        {
            return false;
        }

        lock (_faultGate)
        {
            return _faultRandom.NextDouble() < probability;
        }
    }

    /// <summary>A wall-clock wait expressed in rig time, so a scaled clock does not shrink it.</summary>
    private TimeSpan ScaledWallTime(TimeSpan wall) => _time is VirtualTimeProvider virtualTime ? wall * virtualTime.TimeScale : wall;

    private sealed class Session(ILink link, IPacketFramer framer)
    {
        public ILink Link { get; } = link;

        public IPacketFramer Framer { get; } = framer;

        public Channel<byte[]> Outgoing { get; } = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(4096) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }
}
