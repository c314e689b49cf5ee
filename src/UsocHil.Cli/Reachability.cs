using System.Net.Sockets;
using UsocHil.Description;

namespace UsocHil.Cli;

/// <summary>Whether an endpoint answers, without sending it anything: a device file that can be opened, a port that accepts.</summary>
internal static class Reachability
{
    public static async Task<string> ProbeAsync(EndpointBinding endpoint, CancellationToken cancellationToken)
    {
        switch (endpoint)
        {
            case { Serial: { } serial }:
                if (!File.Exists(serial.Device))
                {
                    return "missing (no such device)";
                }

                try
                {
                    using var stream = new FileStream(serial.Device, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
                    return "reachable";
                }
                catch (UnauthorizedAccessException)
                {
                    return "permission denied (add the user to the dialout group)";
                }
                catch (IOException e)
                {
                    return $"unavailable ({e.Message})";
                }

            case { Tcp: { } tcp }:
                using (var client = new TcpClient())
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(Math.Min(tcp.ConnectTimeoutSeconds, 2)));
                    try
                    {
                        await client.ConnectAsync(tcp.Host, tcp.Port, timeout.Token);
                        return "reachable";
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        return "no answer (timeout)";
                    }
                    catch (SocketException e)
                    {
                        return $"unreachable ({e.SocketErrorCode})";
                    }
                }

            case { Udp: not null }:
                return "connectionless (not probed)";
            default:
                return "unbound";
        }
    }
}
