namespace UsocHil.Links;

/// <summary>Counters a link keeps for the operator and the results record; thread-safe.</summary>
public sealed class LinkStatistics
{
    private long _bytesIn;
    private long _bytesOut;
    private long _frames;
    private long _framingErrors;
    private long _reconnects;
    private string? _lastError;

    public long BytesIn => Interlocked.Read(ref _bytesIn);
    public long BytesOut => Interlocked.Read(ref _bytesOut);
    public long Frames => Interlocked.Read(ref _frames);
    public long FramingErrors => Interlocked.Read(ref _framingErrors);
    public long Reconnects => Interlocked.Read(ref _reconnects);
    public string? LastError => Volatile.Read(ref _lastError);

    public void AddBytesIn(int count) => Interlocked.Add(ref _bytesIn, count);
    public void AddBytesOut(int count) => Interlocked.Add(ref _bytesOut, count);
    public void AddFrame() => Interlocked.Increment(ref _frames);
    public void AddFramingError() => Interlocked.Increment(ref _framingErrors);
    public void AddReconnect() => Interlocked.Increment(ref _reconnects);
    public void SetLastError(string error) => Volatile.Write(ref _lastError, error);
}
