using UsocHil.Time;
using System.Collections.Concurrent;
using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Sessions;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Framing.Ccsds;

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
    private readonly ConcurrentDictionary<DownlinkSession, byte> _sessions = new();
    private readonly Random _faultRandom;
    private readonly Lock _faultGate = new();
    private readonly ParameterWire _wire;
    private int _sessionNumber;
    private readonly Lock _downlink = new();
    private List<Outbound>? _deferredEvents;

    public FurnaceEmulator(TimeProvider time, FurnaceBenchOptions options, ILogger log)
    {
        _time = time;
        _log = log;
        _faultRandom = new Random(unchecked((options.SerialNumber * 31) + 7));
        _wire = new ParameterWire(options.Rig.Dictionary);
        Codec = new PusCodec(options.Rig.Profile);
        Bench = new FurnaceBench(time, options, this, log);
        Telemetry = new TelemetryFactory(Codec, (ushort)options.Rig.Apid, Bench.StartedUtc);
        Handler = new TelecommandHandler(Bench, _wire);
    }

    public FurnaceBench Bench { get; }

    public PusCodec Codec { get; }

    public TelemetryFactory Telemetry { get; }

    public TelecommandHandler Handler { get; }

    /// <summary>
    /// Telecommands received and decoded, for tests and the console; counted once handled, so that a reply the count
    /// promises has been sent or scheduled (a delayed reply's timer exists).
    /// </summary>
    public long TelecommandsReceived => Interlocked.Read(ref _telecommands);

    private long _telecommands;

    /// <summary>Serves one harness connection until it closes or <paramref name="cancellationToken"/> fires.</summary>
    public async Task ServeAsync(ILink link, string transport, CancellationToken cancellationToken)
    {
        FaultPlan faults = Bench.Faults;
        ILink wire = faults.AffectsLinkBytes ? new FaultyLink(link, faults, Bench.Unit.SerialNumber + Interlocked.Increment(ref _sessionNumber)) : link;
        IPacketFramer framer = transport == "serial"
            ? new SyncMarkerFramer(Codec.Layout.ErrorControl, _time, _log, new SyncMarkerFramerOptions { MidPacketTimeout = TransportTime.OnClock(_time, TimeSpan.FromMilliseconds(500)) })
            : new LengthDelimitedFramer(Codec.Layout.MaxPacketLength);
        var session = new DownlinkSession(wire, framer);
        _sessions[session] = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task writer = session.WriteLoopAsync(stop.Token);
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

                session.BeginAnswer();
                Receive(session, packet);
                await session.EndAnswerAsync(stop.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _sessions.TryRemove(session, out _);
            session.Complete();
            await stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
        }
    }

    public void Event(FurnaceEvent furnaceEvent)
    {
        byte[] data = furnaceEvent.Value is double value ? new AppDataWriter().Value(WireType.Float32, value).ToArray() : [];
        var report = new EventReport(EventReport.ParseSeverity(furnaceEvent.Definition.Severity), (ushort)furnaceEvent.Definition.Id) { Data = data };
        var packet = new Outbound(report.ToTelemetry(Telemetry.Apid), furnaceEvent.RigTime, 0);
        if (_deferredEvents is { } deferred)
        {
            // Raised while executing a telecommand: reported after that command's acceptance and completion.
            deferred.Add(packet);
            return;
        }

        Downlink(null, [packet]);
    }

    public void Housekeeping(HousekeepingSample report)
    {
        var writer = new AppDataWriter();
        foreach (ParameterReading reading in report.Values)
        {
            writer.Value(ParameterWire.Type(reading.Definition), ParameterWire.ToRaw(reading.Definition, reading.Value));
        }

        var tm = new Protocols.Pus.Services.HousekeepingReport((byte)report.Structure.StructureId, writer.ToArray());
        if (!_sessions.IsEmpty)
        {
            // A clock shared with an in-process harness waits for the harness to take the report in; told before the
            // report goes out, since a harness that reads it at once follows it before this line would run.
            (_time as VirtualTimeProvider)?.ReportSent();
        }

        Downlink(null, [new Outbound(tm.ToTelemetry(Telemetry.Apid), report.RigTime, 0)]);
    }

    public void Dispose() => Bench.Dispose();

    private void Receive(DownlinkSession session, ReadOnlyMemory<byte> packet)
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

        try
        {
            Handle(session, tc);
        }
        finally
        {
            Interlocked.Increment(ref _telecommands);
        }
    }

    private void Handle(DownlinkSession session, Telecommand tc)
    {
        List<Outbound> events = [];
        Outbound[]? replies = Bench.Run(b =>
        {
            if (!b.Controller.IsPowered)
            {
                return null;
            }

            _deferredEvents = events;
            try
            {
                return Handler.Handle(tc).Select(tm => new Outbound(tm, b.RigTime, tc.SourceId)).ToArray();
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
            Downlink(session, replies);
            Downlink(null, events);
            return;
        }

        // A slow command handler is slow in wall terms, like the verification times the harness measures.
        _ = Task.Delay(TransportTime.OnClock(_time, delay), _time).ContinueWith(
            _ =>
            {
                Downlink(session, replies);
                Downlink(null, events);
            },
            TaskScheduler.Default);
    }

    /// <summary>
    /// Numbers and queues packets to one session, or to all when <paramref name="to"/> is null, in one step: the
    /// sequence count must follow the order packets leave in, whichever thread (bench tick, telecommand) sends them.
    /// </summary>
    private void Downlink(DownlinkSession? to, IEnumerable<Outbound> packets)
    {
        lock (_downlink)
        {
            foreach (Outbound packet in packets)
            {
                byte[] encoded = Telemetry.Encode(packet.Report, packet.RigTime, packet.DestinationId);
                foreach (DownlinkSession session in to is null ? _sessions.Keys : [to])
                {
                    session.Queue(encoded);
                }
            }
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

    /// <summary>A report not yet numbered: it gets its sequence count when it is queued.</summary>
    private sealed record Outbound(Telemetry Report, TimeSpan RigTime, ushort DestinationId);
}
