namespace UsocHil.Protocols.Scpi;

/// <summary>An instrument answered something SCPI does not allow (a malformed number, identity or error entry, an endless line).</summary>
public class ScpiException(string endpoint, string message, Exception? innerException = null) : Exception($"{endpoint}: {message}", innerException)
{
    public string Endpoint { get; } = endpoint;
}

/// <summary>The instrument's own error queue reported an error (SYST:ERR?), with its code and message, e.g. -113,"Undefined header".</summary>
public sealed class ScpiInstrumentException(string endpoint, int code, string instrumentMessage, string? command, IReadOnlyList<(int Code, string Message)> allErrors)
    : ScpiException(endpoint, $"instrument error {code},\"{instrumentMessage}\"{(command is null ? "" : $" after {command}")}{(allErrors.Count > 1 ? $" (+{allErrors.Count - 1} more)" : "")}")
{
    public int Code { get; } = code;

    public string InstrumentMessage { get; } = instrumentMessage;

    /// <summary>The command batch after which the error queue was read.</summary>
    public string? Command { get; } = command;

    /// <summary>Every entry the queue held, oldest first.</summary>
    public IReadOnlyList<(int Code, string Message)> AllErrors { get; } = allErrors;
}

/// <summary>
/// A query the instrument did not answer in time: an instrument fault, not a lost payload link. The client clears the
/// instrument before its next exchange so a late answer is never taken for another query's.
/// </summary>
public sealed class ScpiTimeoutException(string endpoint, string query, TimeSpan timeout)
    : ScpiException(endpoint, $"no answer to {query} within {timeout.TotalSeconds:0.###} s (the instrument is cleared before the next query)")
{
    public string Query { get; } = query;
}
