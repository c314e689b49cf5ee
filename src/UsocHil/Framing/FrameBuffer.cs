using UsocHil.Links;

namespace UsocHil.Framing;

/// <summary>The read-ahead bytes of a framer: a fixed array sized for the longest packet, so nothing grows with the input.</summary>
internal sealed class FrameBuffer(int capacity)
{
    private const int MinimumRead = 4096;
    private readonly byte[] _bytes = new byte[capacity + MinimumRead];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(_start, _end - _start);

    public void Consume(int count) => _start += count;

    public byte[] Take(int count)
    {
        byte[] packet = _bytes.AsSpan(_start, count).ToArray();
        _start += count;
        return packet;
    }

    /// <summary>Reads at least one more byte from the link; returns false at the end of the stream.</summary>
    public async ValueTask<bool> FillAsync(ILink link, CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_bytes.Length - _end < MinimumRead)
        {
            Buffer.BlockCopy(_bytes, _start, _bytes, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        int read = await link.ReadAsync(_bytes.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
