using System.Collections.Concurrent;
using System.Threading.Channels;
using Serilog;
using Serilog.Events;
using UsocHil.Framing;
using UsocHil.Links;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus.Services;
using UsocHil.Description;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// The harness' end of a PUS link: sends telecommands with per-APID sequence counts and awaits their service 1
/// verification, and reads telemetry in one loop that routes verification reports to the waiting commands and hands
/// every packet to subscribers through a bounded channel (oldest dropped and counted) and an event.
/// </summary>
public sealed class PusClient : IAsyncDisposable
{
    private readonly ILink _link;
    private readonly IPacketFramer _framer;
    private readonly PusCodec _codec;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly PusClientOptions _options;
    private readonly SequenceCounter _counter = new();
    private readonly ConcurrentDictionary<uint, PendingCommand> _pending = new();
    private readonly Channel<Telemetry> _telemetry;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private Exception? _ended;
    private readonly DroppedFrameWarning _refused;
    private long _dropped;
    private long _decodeErrors;

    public PusClient(ILink link, IPacketFramer framer, PusCodec codec, TimeProvider timeProvider, ILogger logger, PusClientOptions? options = null)
    {
        _link = link;
        _framer = framer;
        _codec = codec;
        _timeProvider = timeProvider;
        _logger = logger;
        _refused = new DroppedFrameWarning(logger);
        _options = options ?? new PusClientOptions();
        _telemetry = Channel.CreateBounded<Telemetry>(
            new BoundedChannelOptions(_options.TelemetryCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Every telemetry packet received, verification reports included, in order.</summary>
    public ChannelReader<Telemetry> Telemetry => _telemetry.Reader;

    /// <summary>Raised on the reader loop for every telemetry packet; handlers must be quick and not throw.</summary>
    public event Action<Telemetry>? TelemetryReceived;

    public SequenceGapMonitor Gaps { get; } = new();

    /// <summary>Telemetry dropped because the channel's reader fell behind.</summary>
    public long DroppedTelemetry => Interlocked.Read(ref _dropped);

    /// <summary>Packets the framer delivered that did not decode under the profile (a bad CRC on TCP, say); also counted as framing errors of the link.</summary>
    public long DecodeErrors => Interlocked.Read(ref _decodeErrors);

    /// <summary>Completes when the reader loop ends: the link closed or failed, or the client was disposed.</summary>
    public Task Completion => _reader ?? Task.CompletedTask;

    public void Start() => _reader ??= Task.Run(() => ReadLoopAsync(_stop.Token));

    /// <summary>Sends a telecommand without waiting for any report; returns it with the sequence count it got.</summary>
    public async Task<Telecommand> SendUnverifiedAsync(Telecommand telecommand, CancellationToken cancellationToken)
    {
        Telecommand numbered = telecommand with { SequenceCount = _counter.Next(telecommand.Apid) };
        await WriteAsync(numbered, cancellationToken).ConfigureAwait(false);
        return numbered;
    }

    /// <summary>
    /// Sends a telecommand and awaits acceptance (within the acceptance time) and completion (within the completion
    /// time, both counted from sending), for the stages its acknowledgement flags ask for. A failure report of any
    /// stage throws <see cref="CommandFailedException"/>; silence throws <see cref="CommandTimeoutException"/>.
    /// The caller resumes on the thread that read the report (a TCP or tty link's reader), with no thread-pool hop: what
    /// it does next must not block, or telemetry waits behind it.
    /// </summary>
    public async Task<CommandVerification> SendAsync(Telecommand telecommand, CommandVerificationTiming timing, CancellationToken cancellationToken, string? name = null)
    {
        Telecommand numbered = telecommand with { SequenceCount = _counter.Next(telecommand.Apid) };
        name ??= $"TC[{numbered.Service},{numbered.Subtype}]";
        var pending = new PendingCommand(numbered, name);
        uint requestId = numbered.RequestId;
        if (!_pending.TryAdd(requestId, pending))
        {
            throw new InvalidOperationException($"request {requestId:X8} is still awaiting verification");
        }

        try
        {
            if (_ended is { } ended)
            {
                throw ended;
            }

            DateTimeOffset sentAt = _timeProvider.GetUtcNow();
            long start = _timeProvider.GetTimestamp();
            await WriteAsync(numbered, cancellationToken).ConfigureAwait(false);
            TimeSpan? accepted = null;
            TimeSpan? completed = null;
            if (numbered.AckFlags.HasFlag(AckFlags.Acceptance))
            {
                await AwaitStageAsync(pending, pending.Acceptance.Task, VerificationStage.Acceptance, TimeSpan.FromSeconds(timing.AcceptanceSeconds), start, cancellationToken).ConfigureAwait(false);
                accepted = _timeProvider.GetElapsedTime(start);
            }

            if (numbered.AckFlags.HasFlag(AckFlags.Completion))
            {
                await AwaitStageAsync(pending, pending.Completion.Task, VerificationStage.Completion, TimeSpan.FromSeconds(timing.CompletionSeconds), start, cancellationToken).ConfigureAwait(false);
                completed = _timeProvider.GetElapsedTime(start);
            }

            if (_logger.IsEnabled(LogEventLevel.Debug))
            {
                // Four properties take Serilog's params overload: an array and three boxes per command, even when off.
                _logger.Debug("{Command} request {RequestId:X8} verified: accepted after {Acceptance}, completed after {Completion}", name, requestId, accepted, completed);
            }
            return new CommandVerification(numbered, sentAt, accepted, completed);
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_reader is not null)
        {
            await _reader.ConfigureAwait(false);
        }

        _stop.Dispose();
        _writeGate.Dispose();
    }

    private async Task AwaitStageAsync(PendingCommand pending, Task<VerificationReport> stage, VerificationStage name, TimeSpan timeout, long start, CancellationToken cancellationToken)
    {
        TimeSpan left = timeout - _timeProvider.GetElapsedTime(start);
        VerificationReport report;
        try
        {
            // A report already read costs no timer.
            report = stage.IsCompletedSuccessfully
                ? stage.Result
                : await stage.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.Warning("{Command} request {RequestId:X8}: no {Stage} report within {Timeout}", pending.Name, pending.Telecommand.RequestId, name, timeout);
            throw new CommandTimeoutException(pending.Telecommand.RequestId, name, timeout, pending.Name);
        }

        if (!report.Success)
        {
            string? failure = _options.FailureCodeName(report.FailureCode);
            _logger.Warning("{Command} request {RequestId:X8} failed at {Stage}: code {FailureCode} {FailureName}", pending.Name, report.RequestId, report.Stage, report.FailureCode, failure);
            throw new CommandFailedException(report.RequestId, report.Stage, report.FailureCode, failure, report.FailureData, pending.Name);
        }
    }

    private async Task WriteAsync(Telecommand telecommand, CancellationToken cancellationToken)
    {
        byte[] bytes = _codec.Encode(telecommand);
        if (_logger.IsEnabled(LogEventLevel.Verbose))
        {
            _logger.Verbose("Link {Link} TC out {Octets}", _link.Info.Name, Convert.ToHexString(bytes));
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _framer.WritePacketAsync(_link, bytes, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancellationToken)
    {
        Exception ended = new LinkClosedException(_link.Info.Endpoint, "the PUS client stopped");
        try
        {
            while (true)
            {
                ReadOnlyMemory<byte> packet = await _framer.ReadPacketAsync(_link, cancellationToken).ConfigureAwait(false);
                Receive(packet.Span);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (LinkException e)
        {
            _logger.Warning("Link {Link} ended: {Error}", _link.Info.Name, e.Message);
            ended = e;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            _logger.Error(e, "Link {Link} reader failed", _link.Info.Name);
            ended = new LinkException(_link.Info.Endpoint, e.Message, e);
        }
        finally
        {
            _ended = ended;
            _telemetry.Writer.TryComplete();
            foreach (PendingCommand pending in _pending.Values)
            {
                pending.Fail(ended);
            }
        }
    }

    private void Receive(ReadOnlySpan<byte> packet)
    {
        if (_logger.IsEnabled(LogEventLevel.Verbose))
        {
            _logger.Verbose("Link {Link} TM in {Octets}", _link.Info.Name, Convert.ToHexString(packet));
        }

        if (PusCodec.IsIdle(packet))
        {
            _logger.Verbose("Link {Link} idle packet of {Octets} octets skipped", _link.Info.Name, packet.Length);
            return;
        }

        Telemetry telemetry;
        PendingCommand? pending = null;
        VerificationReport? report = null;
        try
        {
            telemetry = _codec.DecodeTelemetry(packet);
            if (telemetry.Service == VerificationReport.Service && VerificationReport.From(telemetry) is { } verification
                && _pending.TryGetValue(verification.RequestId, out pending))
            {
                report = verification;
            }
        }
        catch (PacketDecodeException e)
        {
            Interlocked.Increment(ref _decodeErrors);
            _link.Statistics.AddFramingError();
            _link.Statistics.SetLastError(e.Message);
            // One line per packet in the log file; in front of the operator, the rate-limited count.
            _logger.Information("Link {Link} packet refused: {Error}", _link.Info.Name, e.Message);
            _refused.Dropped(_link, $"packet refused: {e.Message}");
            return;
        }

        int missing = Gaps.Observe(telemetry.Apid, telemetry.SequenceCount);
        if (missing > 0)
        {
            _logger.Warning("Link {Link} APID {Apid}: {Missing} packets missing before count {Count}", _link.Info.Name, telemetry.Apid, missing, telemetry.SequenceCount);
        }

        _telemetry.Writer.TryWrite(telemetry);
        try
        {
            TelemetryReceived?.Invoke(telemetry);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.Error(e, "A telemetry subscriber failed");
        }

        // Last: a command resumed by its report finds that report already delivered to the subscribers.
        if (report is not null)
        {
            pending!.Report(report);
        }
    }
}
