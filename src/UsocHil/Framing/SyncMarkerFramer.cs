using System.Buffers;
using Serilog;
using Serilog.Events;
using UsocHil.Links;
using UsocHil.Framing.Ccsds;

namespace UsocHil.Framing;

/// <summary>
/// The framing of a serial line, which drops and corrupts bytes: a sync marker (by default the CCSDS attached sync
/// marker 1ACFFC1D) before each packet. Whatever goes wrong (an impossible header, a failed error control, silence
/// in the middle of a packet) the framer counts a framing error and scans again from the octet after the marker it
/// trusted, so a good packet hidden behind a bad one is still found. A packet whose error control fails is never
/// delivered; its octets are logged at Verbose, and the drops are said at Warning, rate-limited (<see cref="DroppedFrameWarning"/>).
/// </summary>
public sealed class SyncMarkerFramer : IPacketFramer
{
    private readonly SyncMarkerFramerOptions _options;
    private readonly PacketErrorControl _errorControl;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly byte[] _marker;
    private readonly FrameBuffer _buffer;
    private readonly DroppedFrameWarning _dropped;
    private bool _ended;

    public SyncMarkerFramer(PacketErrorControl errorControl, TimeProvider timeProvider, ILogger logger, SyncMarkerFramerOptions? options = null)
    {
        _options = options ?? new SyncMarkerFramerOptions();
        if (_options.Marker.Length == 0)
        {
            throw new ArgumentException("the sync marker is empty", nameof(options));
        }

        _errorControl = errorControl;
        _timeProvider = timeProvider;
        _logger = logger;
        _dropped = new DroppedFrameWarning(logger);
        _marker = _options.Marker.ToArray();
        _buffer = new FrameBuffer(_marker.Length + _options.MaxPacketLength);
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(ILink link, CancellationToken cancellationToken)
    {
        while (true)
        {
            int found = _buffer.Span.IndexOf(_marker);
            if (found < 0)
            {
                // Keep a tail that may be the start of a marker split across reads.
                int keep = Math.Min(_buffer.Count, _marker.Length - 1);
                Skip(link, _buffer.Count - keep);
                if (!await FillAsync(link, candidate: false, cancellationToken).ConfigureAwait(false))
                {
                    throw new LinkClosedException(link.Info.Endpoint, "the peer closed the link");
                }

                continue;
            }

            Skip(link, found);
            int headerEnd = _marker.Length + SpacePacketHeader.Size;
            if (_buffer.Count < headerEnd)
            {
                await FillOrRejectAsync(link, cancellationToken).ConfigureAwait(false);
                continue;
            }

            SpacePacketHeader header = SpacePacketHeader.Read(_buffer.Span[_marker.Length..]);
            if (header.Version != 0 || header.PacketLength > _options.MaxPacketLength)
            {
                Reject(link, $"impossible header (version {header.Version}, {header.PacketLength} octets)", headerEnd);
                continue;
            }

            int frameLength = _marker.Length + header.PacketLength;
            if (_buffer.Count < frameLength)
            {
                // A corrupted length field must not hold back the good frames behind it until silence: a later whole
                // frame that passes error control proves this candidate false (frames never overlap).
                if (_errorControl != PacketErrorControl.None && WholeFrameFollows())
                {
                    Reject(link, $"a header announcing {header.PacketLength} octets, but a whole frame follows inside them", headerEnd);
                    continue;
                }

                await FillOrRejectAsync(link, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (!FrameCheck.IsValid(_errorControl, _buffer.Span.Slice(_marker.Length, header.PacketLength)))
            {
                Reject(link, $"packet error control ({_errorControl}) failed", frameLength);
                continue;
            }

            _buffer.Consume(_marker.Length);
            link.Statistics.AddFrame();
            return _buffer.Take(header.PacketLength);
        }
    }

    public async ValueTask WritePacketAsync(ILink link, ReadOnlyMemory<byte> packet, CancellationToken cancellationToken)
    {
        int length = _marker.Length + packet.Length;
        byte[] frame = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            _marker.CopyTo(frame, 0);
            packet.Span.CopyTo(frame.AsSpan(_marker.Length));
            await link.WriteAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(frame);
        }
    }

    /// <summary>Whether a later marker in the buffer starts a complete frame whose error control holds.</summary>
    private bool WholeFrameFollows()
    {
        ReadOnlySpan<byte> span = _buffer.Span;
        int at = 0;
        while (true)
        {
            int next = span[(at + 1)..].IndexOf(_marker);
            if (next < 0)
            {
                return false;
            }

            at += next + 1;
            ReadOnlySpan<byte> rest = span[at..];
            if (rest.Length < _marker.Length + SpacePacketHeader.Size)
            {
                return false;
            }

            SpacePacketHeader header = SpacePacketHeader.Read(rest[_marker.Length..]);
            if (header.Version == 0 && header.PacketLength <= _options.MaxPacketLength && rest.Length >= _marker.Length + header.PacketLength
                && FrameCheck.IsValid(_errorControl, rest.Slice(_marker.Length, header.PacketLength)))
            {
                return true;
            }
        }
    }

    /// <summary>Waits for more of the packet at the marker; on silence or the end of the stream gives the marker up.</summary>
    private async ValueTask FillOrRejectAsync(ILink link, CancellationToken cancellationToken)
    {
        if (!_ended)
        {
            try
            {
                if (await FillAsync(link, candidate: true, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                Reject(link, $"no octet for {_options.MidPacketTimeout.TotalMilliseconds} ms in the middle of a packet", _buffer.Count);
                return;
            }
        }

        Reject(link, "the link ended in the middle of a packet", _buffer.Count);
    }

    private async ValueTask<bool> FillAsync(ILink link, bool candidate, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        if (!candidate)
        {
            _ended = !await _buffer.FillAsync(link, cancellationToken).ConfigureAwait(false);
            return !_ended;
        }

        using CancellationTokenSource silence = new(_options.MidPacketTimeout, _timeProvider);
        using CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silence.Token);
        _ended = !await _buffer.FillAsync(link, linked.Token).ConfigureAwait(false);
        return !_ended;
    }

    private void Skip(ILink link, int count)
    {
        if (count <= 0)
        {
            return;
        }

        if (_logger.IsEnabled(LogEventLevel.Verbose))
        {
            _logger.Verbose("Link {Link} skipped {Count} octets outside any frame: {Octets}", link.Info.Name, count, Convert.ToHexString(_buffer.Span[..count]));
        }

        _buffer.Consume(count);
    }

    /// <summary>Counts and logs a bad frame, then drops only its first marker octet so the scan restarts inside it.</summary>
    private void Reject(ILink link, string reason, int length)
    {
        link.Statistics.AddFramingError();
        link.Statistics.SetLastError(reason);
        _dropped.Dropped(link, reason);
        if (_logger.IsEnabled(LogEventLevel.Verbose))
        {
            _logger.Verbose("Link {Link} dropped a frame: {Reason}: {Octets}", link.Info.Name, reason, Convert.ToHexString(_buffer.Span[..Math.Min(length, _buffer.Count)]));
        }

        _buffer.Consume(1);
    }
}
