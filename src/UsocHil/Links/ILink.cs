namespace UsocHil.Links;

/// <summary>A duplex byte channel to a ground model, instrument or emulator.</summary>
/// <remarks>Timeouts come from the caller's token, not from properties of the link.</remarks>
public interface ILink : IAsyncDisposable
{
    LinkInfo Info { get; }

    LinkStatistics Statistics { get; }

    /// <summary>Reads at least one byte; returns 0 only when the peer closed the link in an orderly way.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);
}
