using UsocHil.Links;

namespace UsocHil.FirmwareSim.Faults;

/// <summary>
/// Wraps the emulator's end of a link and damages bytes in both directions: each byte is dropped with
/// <see cref="FaultPlan.DropRate"/> or has one bit flipped with <see cref="FaultPlan.CorruptRate"/>, from a seeded
/// <see cref="Random"/> so a failing run can be replayed. Disposing it disposes the inner link.
/// </summary>
public sealed class FaultyLink : ILink
{
    private readonly ILink _inner;
    private readonly FaultPlan _plan;
    private readonly Random _random;
    private readonly Lock _gate = new();

    public FaultyLink(ILink inner, FaultPlan plan, int seed)
    {
        _inner = inner;
        _plan = plan;
        _random = new Random(seed);
    }

    public LinkInfo Info => _inner.Info;

    public LinkStatistics Statistics => _inner.Statistics;

    public long BytesCorrupted { get; private set; }

    public long BytesDropped { get; private set; }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            int count = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return 0;
            }

            count = Damage(buffer.Span[..count]);
            if (count > 0)
            {
                return count;
            }
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        byte[] copy = buffer.ToArray();
        int count = Damage(copy);
        return count == 0 ? ValueTask.CompletedTask : _inner.WriteAsync(copy.AsMemory(0, count), cancellationToken);
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();

    /// <summary>Damages the bytes in place, compacting over dropped ones; returns how many remain.</summary>
    private int Damage(Span<byte> bytes)
    {
        lock (_gate)
        {
            int kept = 0;
            for (int i = 0; i < bytes.Length; i++)
            {
                if (_plan.DropRate > 0 && _random.NextDouble() < _plan.DropRate)
                {
                    BytesDropped++;
                    continue;
                }

                byte value = bytes[i];
                if (_plan.CorruptRate > 0 && _random.NextDouble() < _plan.CorruptRate)
                {
                    value ^= (byte)(1 << _random.Next(8));
                    BytesCorrupted++;
                }

                bytes[kept++] = value;
            }

            return kept;
        }
    }
}
