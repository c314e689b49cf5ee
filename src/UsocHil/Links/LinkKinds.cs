using UsocHil.Description;
using UsocHil.Registration;

namespace UsocHil.Links;

/// <summary>
/// The kinds of link a station may bind a rig's link or instrument to, by name: <c>serial</c>, <c>tcp</c> and
/// <c>udp</c> are built in and bound with their own block; a kind an extension adds is bound as
/// <c>{ "kind": "can", "address": "can0:0x123" }</c>.
/// </summary>
public sealed class LinkKinds
{
    private readonly Registry<Func<LinkOpen, CancellationToken, ValueTask<ILink>>> _registry = new("link kind");

    public IReadOnlyList<string> Names => _registry.Names;

    public static LinkKinds CreateDefault() => new LinkKinds()
        .Add("serial", BuiltInLinks.OpenSerialAsync)
        .Add("tcp", BuiltInLinks.OpenTcpAsync)
        .Add("udp", BuiltInLinks.OpenUdpAsync);

    public LinkKinds Add(string kind, Func<LinkOpen, CancellationToken, ValueTask<ILink>> open)
    {
        _registry.Add(kind, open);
        return this;
    }

    public bool Contains(string kind) => _registry.Contains(kind);

    /// <exception cref="Registration.RegistrationException">No link kind of that name is registered.</exception>
    public Func<LinkOpen, CancellationToken, ValueTask<ILink>> Get(string kind) => _registry.Get(kind);

    /// <summary>The kind a binding names: its serial, tcp or udp block, or its <c>kind</c>.</summary>
    /// <exception cref="LinkException">The binding names none, or more than one.</exception>
    public static string KindOf(string link, EndpointBinding binding)
    {
        string[] named = [.. new[] { binding.Serial is null ? null : "serial", binding.Tcp is null ? null : "tcp", binding.Udp is null ? null : "udp", binding.Kind }.OfType<string>()];
        return named.Length == 1
            ? named[0]
            : throw new LinkException(link, $"a link binding needs exactly one of serial, tcp, udp or kind (found {named.Length})");
    }
}
