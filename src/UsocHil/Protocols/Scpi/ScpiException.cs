namespace UsocHil.Protocols.Scpi;

/// <summary>An instrument answered something SCPI does not allow (a malformed number, identity or error entry, an endless line).</summary>
public class ScpiException(string endpoint, string message) : Exception($"{endpoint}: {message}")
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
