namespace UsocHil.Rigs;

/// <summary>
/// The last <c>capacity</c> items of a telemetry history, oldest first, each with its rig time. Items arrive in rig
/// time order (a report after a stall brings older stamps, but in order), so the items at or after a time are found by
/// bisection instead of a walk of the whole history, which a step judging every report had cost on every report. An
/// item older than the one before it (an onboard clock set back, a replay) makes every later question walk the history:
/// the answer is the same either way.
/// </summary>
internal sealed class RigTimeHistory<T>(int capacity, Func<T, DateTimeOffset> rigTimeOf)
{
    private readonly int _capacity = Math.Max(1, capacity);
    private T[] _items = new T[Math.Min(16, Math.Max(1, capacity))];
    private int _start;
    private int _count;
    private bool _outOfOrder;

    public int Count => _count;

    public void Add(T item)
    {
        if (_count > 0 && rigTimeOf(item) < rigTimeOf(At(_count - 1)))
        {
            _outOfOrder = true;
        }

        if (_count == _items.Length && _count < _capacity)
        {
            Grow();
        }

        if (_count < _items.Length)
        {
            _items[(_start + _count) % _items.Length] = item;
            _count++;
            return;
        }

        _items[_start] = item;
        _start = (_start + 1) % _items.Length;
    }

    /// <summary>The items whose rig time is at or after <paramref name="since"/>, oldest first.</summary>
    public T[] Since(DateTimeOffset since)
    {
        if (_outOfOrder)
        {
            var found = new List<T>();
            for (int i = 0; i < _count; i++)
            {
                if (rigTimeOf(At(i)) >= since)
                {
                    found.Add(At(i));
                }
            }

            return [.. found];
        }

        int first = FirstAtOrAfter(since);
        var items = new T[_count - first];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = At(first + i);
        }

        return items;
    }

    private int FirstAtOrAfter(DateTimeOffset since)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (rigTimeOf(At(middle)) < since)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void Grow()
    {
        var grown = new T[Math.Min(_capacity, _items.Length * 2)];
        for (int i = 0; i < _count; i++)
        {
            grown[i] = At(i);
        }

        _items = grown;
        _start = 0;
    }

    private T At(int index) => _items[(_start + index) % _items.Length];
}
