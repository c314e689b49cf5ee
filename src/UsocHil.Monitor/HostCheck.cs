using System.Net;
using Microsoft.AspNetCore.Http;

namespace UsocHil.Monitor;

/// <summary>
/// DNS rebinding: a web page on any site can make its own name resolve to 127.0.0.1 and read the monitor as "itself".
/// Its requests still carry its own name in Host, so only the address the request arrived on (as an IP literal) and
/// <c>localhost</c> are served, with the port the request arrived on, if a port is given.
/// </summary>
internal static class HostCheck
{
    /// <summary>Null when the Host is the monitor's own; otherwise why not.</summary>
    public static string? Refuse(HttpContext context)
    {
        HostString host = context.Request.Host;
        if (!host.HasValue)
        {
            return "no Host header";
        }

        ConnectionInfo connection = context.Connection;
        if (host.Port is int port && port != connection.LocalPort)
        {
            return $"Host '{host}' names another port";
        }

        string name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return IPAddress.TryParse(name.Trim('[', ']'), out IPAddress? address) && connection.LocalIpAddress is { } local && Same(address, local)
            ? null
            : $"Host '{host}' is not this monitor's address";
    }

    private static bool Same(IPAddress a, IPAddress b) => Plain(a).Equals(Plain(b));

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
