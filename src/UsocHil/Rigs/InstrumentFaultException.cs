namespace UsocHil.Rigs;

/// <summary>
/// A rig instrument failed a command or query (no answer in time, its link closed, an error in its queue). Not a
/// payload link loss: under the policy onLinkLoss = reconnect the step fails on it rather than repeating.
/// </summary>
public sealed class InstrumentFaultException(string instrument, string command, Exception innerException)
    : Exception($"instrument fault on {instrument} ({command}): {innerException.Message}", innerException)
{
    public string Instrument { get; } = instrument;

    public string Command { get; } = command;
}
