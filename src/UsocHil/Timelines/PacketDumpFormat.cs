using UsocHil.Framing.Ccsds;

namespace UsocHil.Timelines;

/// <summary>
/// Concatenated space packets, as a ground station dumps them and <c>results packets</c> writes them. Octets after the
/// last whole packet (a cut-off dump) are one bad entry, not a failure.
/// </summary>
internal static class PacketDumpFormat
{
    public static string Read(string path, TimelineBuilder into, TimelinePacketReader packets)
    {
        using FileStream stream = File.OpenRead(path);
        string name = Path.GetFileName(path);
        try
        {
            foreach ((long offset, byte[] packet) in SpacePacketSplitter.Split(stream))
            {
                packets.Read(into, packet, $"{name} octet {offset}");
            }
        }
        catch (PacketDecodeException e)
        {
            into.Total++;
            into.BadOne(name, $"the dump ends inside a packet: {e.Message}");
        }

        return "on-board time from each packet's own time field; telecommands at the time of the packet before them";
    }
}
