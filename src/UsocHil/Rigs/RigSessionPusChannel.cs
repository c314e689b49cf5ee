using Serilog;
using UsocHil.Dictionary;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Protocols.Pus;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Rigs;

/// <summary>
/// The payload channel over a real link: PUS-C through <see cref="PusClient"/>, named commands and values through
/// <see cref="DictionaryCodec"/>. Housekeeping and events carry the payload's own time stamp where its clock agrees
/// with the harness clock (<see cref="OnboardTime"/>), their arrival time otherwise. Command verification waits use <paramref name="transportTiming"/>, which the composition
/// root widens under an accelerated clock. The measured verification times are a property of the payload's command
/// handling and of the wire, which run in real time even when an emulator's physics is accelerated: they are
/// reported in wall terms (on a real rig, rig time and wall time are the same).
/// </summary>
public sealed class RigSessionPusChannel : IPayloadChannel
{
    private readonly ILink _link;
    private readonly DictionaryCodec _codec;
    private readonly PusClient _client;
    private readonly TimeProvider _time;
    private readonly CommandVerificationTiming _timing;
    private readonly OnboardTime _onboard;
    private readonly CommandResend _resend;
    private readonly SemaphoreSlim _reportGate = new(1, 1);
    private readonly Task _watch;
    private TaskCompletionSource<IReadOnlyDictionary<string, double>>? _report;

    public RigSessionPusChannel(ILink link, IPacketFramer framer, DictionaryCodec codec, TimeProvider time, ILogger log, CommandVerificationTiming transportTiming)
    {
        _link = link;
        _codec = codec;
        _time = time;
        _timing = transportTiming;
        _onboard = new OnboardTime(time, log);
        _resend = new CommandResend(codec, time, log);
        _client = new PusClient(link, framer, codec.Codec, time, log, new PusClientOptions { FailureCodeName = codec.FailureCodeName });
        _client.TelemetryReceived += OnTelemetry;
        _client.Start();
        _watch = WatchAsync();
    }

    public event Action<IReadOnlyList<TelemetrySample>>? Housekeeping;
    public event Action<string, DateTimeOffset>? DeviceEvent;
    public event Action<Exception>? Lost;

    public Exception? LostWith { get; private set; }

    public async Task<CommandRecord> SendAsync(string command, IReadOnlyDictionary<string, double> arguments, CancellationToken cancellationToken)
    {
        Telecommand telecommand = _codec.EncodeCommand(command, arguments);
        CommandVerification verification = await VerifiedAsync(telecommand, command, cancellationToken).ConfigureAwait(false);
        return new CommandRecord(command, arguments, true, AsWall(verification.Acceptance), AsWall(verification.Completion), null, verification.SentAt);
    }

    private Task<CommandVerification> VerifiedAsync(Telecommand telecommand, string command, CancellationToken cancellationToken) =>
        _resend.SendAsync(command, ct => _client.SendAsync(telecommand, _timing, ct, command), cancellationToken);

    private TimeSpan? AsWall(TimeSpan? onRigClock) => onRigClock is { } span ? TransportTime.AsWall(_time, span) : null;

    public async Task SetParametersAsync(IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken) =>
        await VerifiedAsync(_codec.EncodeSetParameters(values), "SET_PARAMETERS", cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyDictionary<string, double>> ReadParametersAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        await _reportGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var report = new TaskCompletionSource<IReadOnlyDictionary<string, double>>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _report, report);
            await VerifiedAsync(_codec.EncodeReportParameters(names), "REPORT_PARAMETERS", cancellationToken).ConfigureAwait(false);
            return await report.Task.WaitAsync(TimeSpan.FromSeconds(_timing.CompletionSeconds), _time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _report, null);
            _reportGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _client.TelemetryReceived -= OnTelemetry;
        await _client.DisposeAsync().ConfigureAwait(false);
        await _link.DisposeAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        _reportGate.Dispose();
    }

    private async Task WatchAsync()
    {
        await _client.Completion.ConfigureAwait(false);
        var lost = new LinkClosedException(_link.Info.Endpoint, "the payload link ended");
        LostWith = lost;
        Lost?.Invoke(lost);
    }

    private void OnTelemetry(Telemetry telemetry)
    {
        DateTimeOffset now = _onboard.Stamp(telemetry.Time, _time.GetUtcNow());
        try
        {
            switch (telemetry.Service, telemetry.Subtype)
            {
                case (3, 25):
                    Housekeeping?.Invoke(_codec.DecodeHousekeeping(telemetry).Values.Select(v => new TelemetrySample(v.Name, v.Value, now)).ToArray());
                    break;
                case (20, 2):
                    var values = _codec.DecodeParameterReport(telemetry).ToDictionary(v => v.Key, v => v.Value.Value, StringComparer.Ordinal);
                    Volatile.Read(ref _report)?.TrySetResult(values);
                    break;
                case (5, _):
                    EventReport report = EventReport.From(telemetry);
                    DeviceEvent?.Invoke(_codec.FindEvent(report.EventId)?.Name ?? $"EVENT_{report.EventId}", now);
                    break;
            }
        }
        catch (PacketDecodeException)
        {
            // Counted by the client; a bad report never reaches a verdict.
        }
    }
}
