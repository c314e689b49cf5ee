using System.Globalization;
using System.Net;
using UsocHil.Description;

namespace UsocHil.Monitor;

/// <summary>Where the monitor listens and what it knows about the run it shows.</summary>
public sealed record MonitorOptions
{
    /// <summary>The documented default port of the monitor (README): 8642.</summary>
    public const int DefaultPort = 8642;

    /// <summary>Loopback by default; any other address is logged as a warning when the server starts.</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Loopback, DefaultPort);

    /// <summary>The rig, for its limit bands; null shows traces without bands.</summary>
    public RigDefinition? Rig { get; init; }

    /// <summary>The run's state machine as Stateless exports it in Mermaid; null uses <see cref="StateGraph.Default"/>.</summary>
    public string? MermaidGraph { get; init; }

    /// <summary>
    /// The operator abort, the same path as Ctrl-C (cancel the run's token or call SequenceRun.RequestAbort).
    /// Null makes the page read-only: every abort request is refused with 403.
    /// </summary>
    public Func<Task>? RequestAbort { get; init; }

    /// <summary>
    /// Connections served at once (pages, API calls, event streams); more are answered 503 and closed. Each costs a file
    /// descriptor the run shares, so the default stays far below the usual 1,024.
    /// </summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>Event streams (open pages) served at once, below <see cref="MaxConnections"/>; more are answered 503.</summary>
    public int MaxEventStreams { get; init; } = 32;

    /// <summary>Wall clock for keep-alives and link statistics sampling.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Parses "ADDR:PORT", "[::1]:PORT", ":PORT" or "PORT"; a missing address is 127.0.0.1.</summary>
    public static IPEndPoint ParseEndpoint(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new IPEndPoint(IPAddress.Loopback, DefaultPort);
        }

        string trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out int bare))
        {
            return new IPEndPoint(IPAddress.Loopback, CheckPort(bare, text));
        }

        if (trimmed.StartsWith(':') && int.TryParse(trimmed.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int port))
        {
            return new IPEndPoint(IPAddress.Loopback, CheckPort(port, text));
        }

        // "[v6]:port" or "v4:port"; a bare IPv6 address has several colons and no brackets.
        bool hasPort = trimmed.Contains("]:", StringComparison.Ordinal) || trimmed.Count(c => c == ':') == 1;
        if (hasPort)
        {
            int colon = trimmed.LastIndexOf(':');
            if (IPAddress.TryParse(trimmed[..colon].Trim('[', ']'), out IPAddress? host) &&
                int.TryParse(trimmed.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int hostPort))
            {
                return new IPEndPoint(host, CheckPort(hostPort, text));
            }
        }
        else if (IPAddress.TryParse(trimmed.Trim('[', ']'), out IPAddress? address))
        {
            return new IPEndPoint(address, DefaultPort);
        }

        throw new FormatException($"monitor address '{text}' is not ADDR:PORT (for example 127.0.0.1:{DefaultPort})");
    }

    private static int CheckPort(int port, string text) =>
        port is >= 0 and <= 65535 ? port : throw new FormatException($"monitor address '{text}': port {port} is out of range");
}
