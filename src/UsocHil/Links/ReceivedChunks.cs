using System.Buffers;
using System.Threading.Channels;

namespace UsocHil.Links;

/// <summary>
/// Bytes a link's dedicated reader thread received, queued for the link's one consumer: the consumer's continuation runs
/// on the reader thread when it was waiting, and a consumer that falls behind holds the reader (bounded, nothing dropped).
/// </summary>
internal sealed class ReceivedChunks
{
    public const int ChunkSize = 4096;
    private const int MaxQueuedChunks = 256;

    private readonly Channel<Chunk> _chunks = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(MaxQueuedChunks)
    {
        SingleReader = true,
        SingleWriter = true,
        AllowSynchronousContinuations = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private Chunk _pending;

    /// <summary>A buffer for the reader thread to receive into; hand it back with <see cref="Publish"/> or <see cref="Return"/>.</summary>
    public static byte[] Rent() => ArrayPool<byte>.Shared.Rent(ChunkSize);

    public static void Return(byte[] array) => ArrayPool<byte>.Shared.Return(array);

    /// <summary>Copies what was received into <paramref name="buffer"/>; 0 once the reader completed without a failure.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            Chunk chunk;
            while (!_chunks.Reader.TryRead(out chunk))
            {
                if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            _pending = chunk;
        }

        int count = Math.Min(buffer.Length, _pending.Length);
        _pending.Array.AsSpan(_pending.Offset, count).CopyTo(buffer.Span);
        _pending = _pending with { Offset = _pending.Offset + count, Length = _pending.Length - count };
        if (_pending.Length == 0)
        {
            Return(_pending.Array);
            _pending = default;
        }

        return count;
    }

    /// <summary>Queues <paramref name="length"/> received bytes (reader thread only); waits while the consumer is behind.</summary>
    public void Publish(byte[] array, int length, CancellationToken stopping)
    {
        var chunk = new Chunk(array, 0, length);
        // A waiting consumer runs on this thread from here: what it does counts as work a following clock waits for.
        Time.ReaderThreadWork.Begin();
        try
        {
            if (!_chunks.Writer.TryWrite(chunk))
            {
                // The consumer is behind: wait on this dedicated thread rather than drop bytes or grow without bound.
                if (!_chunks.Writer.WaitToWriteAsync(stopping).AsTask().GetAwaiter().GetResult()
                    || !_chunks.Writer.TryWrite(chunk))
                {
                    Return(array);
                }
            }
        }
        finally
        {
            Time.ReaderThreadWork.End();
        }
    }

    /// <summary>No more bytes: reads end with <paramref name="failure"/>, or with 0 when there is none.</summary>
    public void Complete(Exception? failure) => _chunks.Writer.TryComplete(failure);

    private readonly record struct Chunk(byte[] Array, int Offset, int Length);
}
