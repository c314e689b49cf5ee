using Serilog;
using Serilog.Events;

namespace UsocHil.Links.Tracing;

/// <summary>Byte traces at Verbose; the level check comes first so the fast path pays nothing when tracing is off.</summary>
internal static class LinkTrace
{
    public static void Received(ILogger log, LinkInfo info, ReadOnlySpan<byte> data)
    {
        if (log.IsEnabled(LogEventLevel.Verbose))
        {
            log.Verbose("{Link} <- {Count} bytes\n{Hex}", info.Name, data.Length, HexDump.Format(data));
        }
    }

    public static void Sent(ILogger log, LinkInfo info, ReadOnlySpan<byte> data)
    {
        if (log.IsEnabled(LogEventLevel.Verbose))
        {
            log.Verbose("{Link} -> {Count} bytes\n{Hex}", info.Name, data.Length, HexDump.Format(data));
        }
    }
}
