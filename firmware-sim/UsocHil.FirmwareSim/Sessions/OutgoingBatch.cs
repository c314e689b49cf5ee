using System.Buffers;
using UsocHil.Links;

namespace UsocHil.FirmwareSim.Sessions;

/// <summary>
/// Collects what a framer writes during one flush of a <see cref="DownlinkSession"/> so that an answer of several
/// packets (acceptance, then the service report) leaves in one write: one segment, one wake-up of the harness, as a
/// controller's transmit buffer would send it. A framer writes into it as into its link; <see cref="SendAsync"/> sends.
/// </summary>
internal sealed class OutgoingBatch(ILink link) : ILink
{
    /// <summary>Beyond this a flush sends what it has collected before it goes on (a long backlog is not one write).</summary>
    public const int SendThreshold = 16 * 1024;

    private readonly ArrayBufferWriter<byte> _bytes = new(256);

    public LinkInfo Info => link.Info;

    public LinkStatistics Statistics => link.Statistics;

    public int Count => _bytes.WrittenCount;

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        throw new NotSupportedException("a downlink batch is written only");

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        _bytes.Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    /// <summary>Writes what was collected to the link in one write and starts a new batch.</summary>
    public async ValueTask SendAsync(CancellationToken cancellationToken)
    {
        if (_bytes.WrittenCount == 0)
        {
            return;
        }

        try
        {
            await link.WriteAsync(_bytes.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _bytes.ResetWrittenCount();
        }
    }

    /// <summary>
    /// Sends what was collected if the link takes it without waiting; true once nothing is left. What the line had no
    /// room for stays, ahead of anything collected later, for <see cref="SendAsync"/>.
    /// </summary>
    public bool TrySendWithoutWaiting()
    {
        if (_bytes.WrittenCount == 0)
        {
            return true;
        }

        if (link is not IWritesWithoutWaiting immediate)
        {
            return false;
        }

        int sent = immediate.WriteWhatFits(_bytes.WrittenSpan);
        if (sent == _bytes.WrittenCount)
        {
            _bytes.ResetWrittenCount();
            return true;
        }

        if (sent > 0)
        {
            byte[] rest = _bytes.WrittenSpan[sent..].ToArray();
            _bytes.ResetWrittenCount();
            _bytes.Write(rest);
        }

        return false;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
