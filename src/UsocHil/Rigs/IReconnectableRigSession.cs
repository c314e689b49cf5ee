namespace UsocHil.Rigs;

/// <summary>
/// A rig session whose payload link can be opened again after it was lost: a TCP endpoint, or a serial device that
/// comes back. The sequence engine uses it for the policy <c>"onLinkLoss": "reconnect"</c>.
/// </summary>
public interface IReconnectableRigSession : IRigSession
{
    /// <summary>False when the binding cannot be reopened (nothing to reconnect to); the run then fails into safing.</summary>
    bool CanReconnectPayload { get; }

    /// <summary>
    /// Closes the lost payload channel, opens a new one and checks the payload answers (are-you-alive). One attempt:
    /// throws (a <see cref="Links.LinkException"/>, a timeout) when the payload cannot be reached; the caller backs off.
    /// </summary>
    Task ReconnectPayloadAsync(CancellationToken cancellationToken);
}
