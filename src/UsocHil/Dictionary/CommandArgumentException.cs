namespace UsocHil.Dictionary;

/// <summary>
/// A command refused before anything was sent: unknown command, unknown or missing argument, or a value outside the
/// argument's range or wire type. The message names the argument and its range.
/// </summary>
public sealed class CommandArgumentException(string command, string? argument, string message) : Exception(message)
{
    public string Command { get; } = command;

    /// <summary>The argument (or parameter, for service 20) at fault; null when the command itself is unknown.</summary>
    public string? Argument { get; } = argument;
}
