using System.Collections.Concurrent;
using Serilog;
using UsocHil.FirmwareSim.Faults;
using UsocHil.FirmwareSim.Sessions;
using UsocHil.FirmwareSim.Furnace;
using UsocHil.FirmwareSim.Furnace.Pus;
using UsocHil.Framing;
using UsocHil.Framing.Ccsds;
using UsocHil.Links;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;

namespace UsocHil.FirmwareSim.Modelled;

/// <summary>
/// A PUS payload on its link, emulated from the rig's dictionary and model: decodes telecommands, answers with
/// service 1 reports (the completion after its configured delay) and service reports, and sends housekeeping and events
/// to every session. Serial sessions frame with the sync marker, TCP sessions by length; link faults apply as for the
/// furnace. An unpowered payload hears nothing and says nothing.
/// </summary>
public sealed class ModelledPayloadEmulator : IFurnaceTelemetrySink, IDisposable
{
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly ConcurrentDictionary<DownlinkSession, byte> _sessions = new();
    private readonly Random _faultRandom;
    private readonly Lock _faultGate = new();
    private readonly Lock _downlink = new();
    private readonly ModelledTelecommands _handler;
    private readonly TelemetryFactory _telemetry;
    private readonly PusCodec _codec;
    private int _sessionNumber;

    public ModelledPayloadEmulator(TimeProvider time, ModelledBenchOptions options, ILogger log)
    {
        _time = time;
        _log = log;
        _faultRandom = new Random(unchecked((options.SerialNumber * 31) + 7));
        _codec = new PusCodec(options.Rig.Profile);
        Bench = new ModelledBench(time, options, this, log);
        _telemetry = new TelemetryFactory(_codec, (ushort)options.Rig.Apid, Bench.StartedUtc);
        _handler = new ModelledTelecommands(Bench, new ParameterWire(options.Rig.Dictionary));
    }

    public ModelledBench Bench { get; }

    public async Task ServeAsync(ILink link, string transport, CancellationToken cancellationToken)
    {
        FaultPlan faults = Bench.Faults;
        ILink wire = faults.AffectsLinkBytes ? new FaultyLink(link, faults, Bench.Options.SerialNumber + Interlocked.Increment(ref _sessionNumber)) : link;
        IPacketFramer framer = transport == "serial"
            ? new SyncMarkerFramer(_codec.Layout.ErrorControl, _time, _log, new SyncMarkerFramerOptions { MidPacketTimeout = TransportTime.OnClock(_time, TimeSpan.FromMilliseconds(500)) })
            : new LengthDelimitedFramer(_codec.Layout.MaxPacketLength);
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
                    _log.Warning("Payload link {Link} lost framing: {Reason}", link.Info.Endpoint, e.Message);
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
        Downlink(null, [report.ToTelemetry(_telemetry.Apid)], furnaceEvent.RigTime, 0);
    }

    public void Housekeeping(HousekeepingSample report)
    {
        var writer = new AppDataWriter();
        foreach (ParameterReading reading in report.Values)
        {
            writer.Value(ParameterWire.Type(reading.Definition), ParameterWire.ToRaw(reading.Definition, reading.Value));
        }

        if (!_sessions.IsEmpty)
        {
            // A clock shared with an in-process harness waits for the harness to take the report in; told before the
            // report goes out, since a harness that reads it at once follows it before this line would run.
            (_time as UsocHil.Time.VirtualTimeProvider)?.ReportSent();
        }

        Downlink(null, [new HousekeepingReport((byte)report.Structure.StructureId, writer.ToArray()).ToTelemetry(_telemetry.Apid)], report.RigTime, 0);
    }

    public void Dispose() => Bench.Dispose();

    private void Receive(DownlinkSession session, ReadOnlyMemory<byte> packet)
    {
        Telecommand tc;
        try
        {
            tc = _codec.DecodeTelecommand(packet.Span);
        }
        catch (PacketDecodeException e)
        {
            _log.Debug("Payload dropped an undecodable packet: {Reason}", e.Message);
            return;
        }

        if (tc.Apid != _telemetry.Apid)
        {
            return;
        }

        var answer = Bench.Run(b =>
        {
            b.Software.Heard();
            return b.Software.IsPowered ? _handler.Handle(tc) : null;
        });
        if (answer is null || Chance(Bench.Faults.NoResponseRate))
        {
            return;
        }

        TimeSpan acceptance = TimeSpan.FromSeconds(Bench.Options.Model.Verification.AcceptanceSeconds) + Bench.Faults.ResponseDelay;
        Later(acceptance, () => Downlink(session, answer.Now, Bench.RigTime, tc.SourceId));
        Later(acceptance + answer.CompletionDelay, () =>
        {
            if (answer.CompleteWhen is { } until)
            {
                _ = CompleteWhenAsync(session, answer.Completion, until, tc.SourceId);
            }
            else
            {
                Downlink(session, answer.Completion, Bench.RigTime, tc.SourceId);
            }
        });
    }

    /// <summary>Completion of a function that lasts (a run-down): reported once its condition holds, checked each tenth of a rig second.</summary>
    private async Task CompleteWhenAsync(DownlinkSession session, List<Telemetry> completion, Func<double[], double> until, ushort destinationId)
    {
        try
        {
            while (!Bench.Stopped && Bench.Run(b => b.Software.IsPowered && until(b.Plant.Values) == 0))
            {
                await Task.Delay(TimeSpan.FromSeconds(0.1), _time).ConfigureAwait(false);
            }

            if (Bench.Run(b => b.Software.IsPowered))
            {
                Downlink(session, completion, Bench.RigTime, destinationId);
            }
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Later(TimeSpan rigDelay, Action send)
    {
        if (rigDelay <= TimeSpan.Zero)
        {
            send();
            return;
        }

        _ = Task.Delay(rigDelay, _time).ContinueWith(_ => send(), TaskScheduler.Default);
    }

    /// <summary>Numbers and queues packets in one step, so the sequence count follows the order they leave in.</summary>
    private void Downlink(DownlinkSession? to, IEnumerable<Telemetry> packets, TimeSpan rigTime, ushort destinationId)
    {
        lock (_downlink)
        {
            foreach (Telemetry packet in packets)
            {
                byte[] encoded = _telemetry.Encode(packet, rigTime, destinationId);
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
}
