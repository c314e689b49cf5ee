namespace UsocHil.Protocols.Scpi;

/// <summary>How a <see cref="ScpiClient"/> talks to one instrument.</summary>
public sealed record ScpiClientOptions
{
    /// <summary>Appended to every command; answers end at a line feed (a carriage return before it is dropped).</summary>
    public string Terminator { get; init; } = "\n";

    /// <summary>Time for an answer to a query, counted from the end of sending it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest answer accepted; an instrument that streams forever is refused, not buffered.</summary>
    public int MaxResponseLength { get; init; } = 64 * 1024;

    /// <summary>After a timeout, how many query timeouts the client drains an instrument that keeps talking before it calls it a fault.</summary>
    public int MaxDrainTimeouts { get; init; } = 10;

    /// <summary>SYST:ERR? reads per check at most (a queue holds a few dozen entries).</summary>
    public int MaxErrorReads { get; init; } = 64;
}
