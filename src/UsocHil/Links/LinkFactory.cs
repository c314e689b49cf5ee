using System.Net;
using Serilog;
using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;
using UsocHil.Links.Udp;
using UsocHil.Description;

namespace UsocHil.Links;

/// <summary>
/// Opens the link a station binding names for one of the rig's links: serial (fast tty path on Linux unless forced
/// portable), TCP client (reconnecting with backoff) or UDP. The caller owns and disposes what it returns.
/// </summary>
public sealed class LinkFactory(TimeProvider timeProvider, ILogger log, ReconnectOptions? reconnect = null)
{
    private readonly ReconnectOptions _reconnect = reconnect ?? ReconnectOptions.Default;

    public async ValueTask<ILink> OpenAsync(LinkDefinition definition, EndpointBinding binding, CancellationToken cancellationToken)
    {
        int kinds = (binding.Serial is null ? 0 : 1) + (binding.Tcp is null ? 0 : 1) + (binding.Udp is null ? 0 : 1);
        if (kinds != 1)
        {
            throw new LinkException(definition.Name, $"a link binding needs exactly one of serial, tcp or udp (found {kinds})");
        }

        if (binding.Serial is { } serial)
        {
            return OpenSerial(definition, serial);
        }

        if (binding.Tcp is { } tcp)
        {
            var link = new ReconnectingLink(
                new LinkInfo(definition.Name, "tcp", TcpClientLink.FormatEndpoint(tcp.Host, tcp.Port)),
                async ct => await TcpClientLink.ConnectAsync(definition.Name, tcp, timeProvider, log, ct).ConfigureAwait(false),
                _reconnect,
                timeProvider,
                log);
            try
            {
                await link.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await link.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return link;
        }

        NetworkBinding udp = binding.Udp!;
        IPAddress address = IPAddress.TryParse(udp.Host, out IPAddress? literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(udp.Host, cancellationToken).ConfigureAwait(false))[0];
        return UdpLink.Connect(definition.Name, new IPEndPoint(address, udp.Port), log);
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

    private ILink OpenSerial(LinkDefinition definition, SerialBinding serial)
    {
        SerialSettings settings = serial.Settings ?? definition.Serial ?? new SerialSettings();
        SerialPath path = ResolveSerialPath(serial.Path, serial.Device);
        log.Information("Link {Link} on {Device}: {SerialPath} serial path (binding asked {Asked})", definition.Name, serial.Device, path, serial.Path);
        return path == SerialPath.Fast
            ? TtyLink.Open(definition.Name, serial.Device, settings, log)
            : SerialPortLink.Open(definition.Name, serial.Device, settings, timeProvider, log);
    }
}
