using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>A telecommand read back by the dictionary (the payload's side): which command, which argument values.</summary>
/// <param name="Arguments">Declared arguments by name; for service 20 requests, parameter names (TC[20,1] values are 0).</param>
public sealed record DecodedCommand(CommandDefinition Command, IReadOnlyDictionary<string, double> Arguments);
