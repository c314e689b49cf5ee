namespace UsocHil.FirmwareSim.Instruments;

/// <summary>
/// SCPI's error/event queue (IEEE 488.2 / SCPI-99 §21.8): first in, first out, read by <c>SYST:ERR?</c>, which answers
/// <c>0,"No error"</c> when empty; on overflow the newest entry is replaced by -350 "Queue overflow".
/// </summary>
public sealed class ScpiErrorQueue
{
    public const int Capacity = 16;

    private readonly Queue<(int Code, string Message)> _errors = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _errors.Count;
            }
        }
    }

    /// <summary>Raised with the code of every error pushed (the instrument's status model sets its event bit from it).</summary>
    public event Action<int>? Pushed;

    public void Push(int code, string message)
    {
        Pushed?.Invoke(code);
        lock (_gate)
        {
            if (_errors.Count < Capacity - 1)
            {
                _errors.Enqueue((code, message));
            }
            else if (_errors.Count == Capacity - 1)
            {
                // The queue is full: its newest entry becomes -350 and later errors are lost (SCPI-99 §21.8.1).
                _errors.Enqueue((-350, "Queue overflow"));
            }
        }
    }

    /// <summary>The next entry, formatted as SYST:ERR? answers it.</summary>
    public string Pop()
    {
        lock (_gate)
        {
            (int code, string message) = _errors.Count > 0 ? _errors.Dequeue() : (0, "No error");
            return $"{code},\"{message}\"";
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _errors.Clear();
        }
    }
}
