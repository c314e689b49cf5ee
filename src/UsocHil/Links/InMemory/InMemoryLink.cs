using System.Threading.Channels;

namespace UsocHil.Links.InMemory;

/// <summary>
/// One end of an in-process duplex byte pipe: for unit tests and for wiring a harness to an emulator in one process
/// when no operating-system interface is wanted. Closing one end makes the other end read 0 (end of stream).
/// </summary>
public sealed class InMemoryLink : ILink
{
    private readonly Channel<byte[]> _incoming;
    private readonly Channel<byte[]> _outgoing;
    private ReadOnlyMemory<byte> _pending;
    private bool _disposed;

    private InMemoryLink(string name, Channel<byte[]> incoming, Channel<byte[]> outgoing)
    {
        _incoming = incoming;
        _outgoing = outgoing;
        Info = new LinkInfo(name, "in-memory", $"memory:{name}");
    }

    public LinkInfo Info { get; }

    public LinkStatistics Statistics { get; } = new();

    /// <summary>Creates two connected ends: what one writes, the other reads.</summary>
    public static (InMemoryLink A, InMemoryLink B) CreatePair(string name = "in-memory")
    {
        var aToB = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        var bToA = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        return (new InMemoryLink(name + ".a", bToA, aToB), new InMemoryLink(name + ".b", aToB, bToA));
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pending.IsEmpty)
        {
            try
            {
                if (!await _incoming.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }
            }
            catch (ChannelClosedException)
            {
                return 0;
            }

            _incoming.Reader.TryRead(out byte[]? chunk);
            _pending = chunk;
        }

        int count = Math.Min(buffer.Length, _pending.Length);
        _pending[..count].CopyTo(buffer);
        _pending = _pending[count..];
        Statistics.AddBytesIn(count);
        return count;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (buffer.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        if (!_outgoing.Writer.TryWrite(buffer.ToArray()))
        {
            throw new LinkClosedException(Info.Endpoint, "the peer closed the link");
        }

        Statistics.AddBytesOut(buffer.Length);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _outgoing.Writer.TryComplete();
            _incoming.Writer.TryComplete();
        }

        return ValueTask.CompletedTask;
    }
}
