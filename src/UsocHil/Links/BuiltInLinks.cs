using System.Net;
using UsocHil.Description;
using UsocHil.Links.Serial;
using UsocHil.Links.Tcp;
using UsocHil.Links.Udp;

namespace UsocHil.Links;

/// <summary>The link kinds UsocHil itself opens: serial (fast tty path on Linux unless forced portable), TCP client (reconnecting with backoff), UDP.</summary>
internal static class BuiltInLinks
{
    public static ValueTask<ILink> OpenSerialAsync(LinkOpen open, CancellationToken cancellationToken)
    {
        SerialBinding serial = open.Binding.Serial ?? throw new LinkException(open.Definition.Name, "a serial link needs a serial block");
        SerialSettings settings = serial.Settings ?? open.Definition.Serial ?? new SerialSettings();
        SerialPath path = LinkFactory.ResolveSerialPath(serial.Path, serial.Device);
        open.Log.Information("Link {Link} on {Device}: {SerialPath} serial path (binding asked {Asked})", open.Definition.Name, serial.Device, path, serial.Path);
        return ValueTask.FromResult<ILink>(path == SerialPath.Fast
            ? TtyLink.Open(open.Definition.Name, serial.Device, settings, open.Log)
            : SerialPortLink.Open(open.Definition.Name, serial.Device, settings, open.Time, open.Log));
    }

    public static async ValueTask<ILink> OpenTcpAsync(LinkOpen open, CancellationToken cancellationToken)
    {
        NetworkBinding tcp = open.Binding.Tcp ?? throw new LinkException(open.Definition.Name, "a tcp link needs a tcp block");
        string name = open.Definition.Name;
        var link = new ReconnectingLink(
            new LinkInfo(name, "tcp", TcpClientLink.FormatEndpoint(tcp.Host, tcp.Port)),
            async ct => await TcpClientLink.ConnectAsync(name, tcp, open.Time, open.Log, ct).ConfigureAwait(false),
            open.Reconnect,
            open.Time,
            open.Log);
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

    public static async ValueTask<ILink> OpenUdpAsync(LinkOpen open, CancellationToken cancellationToken)
    {
        NetworkBinding udp = open.Binding.Udp ?? throw new LinkException(open.Definition.Name, "a udp link needs a udp block");
        IPAddress address = IPAddress.TryParse(udp.Host, out IPAddress? literal)
            ? literal
            : (await Dns.GetHostAddressesAsync(udp.Host, cancellationToken).ConfigureAwait(false))[0];
        return UdpLink.Connect(open.Definition.Name, new IPEndPoint(address, udp.Port), open.Log);
    }
}
