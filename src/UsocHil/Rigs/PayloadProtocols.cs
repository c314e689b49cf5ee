using UsocHil.Registration;

namespace UsocHil.Rigs;

/// <summary>
/// The payload protocols a rig may speak, by the <c>protocol</c> of its payload link in <c>rig.json</c>. An entry
/// turns an open byte link into the session's <see cref="IPayloadChannel"/>: named commands with arguments and their
/// acknowledgement, parameter values by name, and what the payload says on its own.
/// </summary>
public sealed class PayloadProtocols
{
    private readonly Registry<Func<PayloadOpen, IPayloadChannel>> _registry = new("payload protocol");

    public IReadOnlyList<string> Names => _registry.Names;

    /// <summary>The protocols UsocHil itself speaks: <c>pus</c> (ECSS PUS-C over CCSDS space packets).</summary>
    public static PayloadProtocols CreateDefault() => new PayloadProtocols().Add("pus", PusPayloadProtocol.Open);

    public PayloadProtocols Add(string protocol, Func<PayloadOpen, IPayloadChannel> open)
    {
        _registry.Add(protocol, open);
        return this;
    }

    public bool Contains(string protocol) => _registry.Contains(protocol);

    /// <exception cref="RegistrationException">No protocol of that name is registered.</exception>
    public Func<PayloadOpen, IPayloadChannel> Get(string protocol) => _registry.Get(protocol);
}
