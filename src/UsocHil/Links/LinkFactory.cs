using Serilog;
using UsocHil.Description;

namespace UsocHil.Links;

/// <summary>
/// Opens the link a station binding names for one of the rig's links, through the link kind registered under the
/// binding's kind (see <see cref="LinkKinds"/>). The caller owns and disposes what it returns.
/// </summary>
public sealed class LinkFactory(TimeProvider timeProvider, ILogger log, ReconnectOptions? reconnect = null, LinkKinds? kinds = null)
{
    private readonly ReconnectOptions _reconnect = reconnect ?? ReconnectOptions.Default;
    private readonly LinkKinds _kinds = kinds ?? LinkKinds.CreateDefault();

    /// <exception cref="LinkException">The binding names no kind, or more than one, or the link cannot be opened.</exception>
    /// <exception cref="Registration.RegistrationException">The binding names a kind nothing registered.</exception>
    public async ValueTask<ILink> OpenAsync(LinkDefinition definition, EndpointBinding binding, CancellationToken cancellationToken)
    {
        string kind = LinkKinds.KindOf(definition.Name, binding);
        return await _kinds.Get(kind)(new LinkOpen(definition, binding, timeProvider, log, _reconnect), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Resolves auto / fast / portable for this operating system.</summary>
    public static SerialPath ResolveSerialPath(string path, string endpoint) => path.ToLowerInvariant() switch
    {
        "auto" => OperatingSystem.IsLinux() ? SerialPath.Fast : SerialPath.Portable,
        "fast" when OperatingSystem.IsLinux() => SerialPath.Fast,
        "fast" => throw new LinkException(endpoint, "the fast serial path needs Linux; use \"portable\" or \"auto\""),
        "portable" => SerialPath.Portable,
        _ => throw new LinkException(endpoint, $"unknown serial path '{path}' (auto, fast or portable)"),
    };
}
