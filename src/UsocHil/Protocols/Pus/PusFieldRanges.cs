using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus;

/// <summary>
/// The range of every header field a PUS-C packet's encoder writes, checked before a single octet is written, so a
/// value that does not fit is refused with its name instead of being cut to its low bits (acknowledgement flags 16
/// would otherwise ask for no acknowledgement at all). Octet-sized fields (service, subtype, IDs) fit by their type.
/// </summary>
internal static class PusFieldRanges
{
    public static void Check(PusPacket packet, PusLayout layout)
    {
        if (packet.Apid > SpacePacketHeader.MaxApid)
        {
            throw new PacketFieldException("apid", packet.Apid, $"0..{SpacePacketHeader.MaxApid - 1} (11 bits)");
        }

        if (packet.Apid == SpacePacketHeader.IdleApid)
        {
            throw new PacketFieldException("apid", packet.Apid, $"0..{SpacePacketHeader.IdleApid - 1}: {SpacePacketHeader.IdleApid} is the idle packets' APID, which carry no PUS secondary header");
        }

        if ((uint)packet.SequenceFlags > 3)
        {
            throw new PacketFieldException("sequenceFlags", (int)packet.SequenceFlags, "0..3 (2 bits: continuation, first, last, unsegmented)");
        }

        if (packet.SequenceCount >= SpacePacketHeader.SequenceCountModulo)
        {
            throw new PacketFieldException("sequenceCount", packet.SequenceCount, $"0..{SpacePacketHeader.SequenceCountModulo - 1} (14 bits)");
        }

        switch (packet)
        {
            case Telecommand tc when (int)tc.AckFlags > 0x0F:
                throw new PacketFieldException("ackFlags", (int)tc.AckFlags, "0..15 (4 bits: 1 acceptance, 2 start, 4 progress, 8 completion)");
            case Telemetry tm:
                Check(tm, layout);
                break;
        }
    }

    private static void Check(Telemetry tm, PusLayout layout)
    {
        if (tm.TimeReferenceStatus > 0x0F)
        {
            throw new PacketFieldException("timeReferenceStatus", tm.TimeReferenceStatus, "0..15 (4 bits)");
        }

        if (!layout.HasTime)
        {
            return;
        }

        if (layout.CoarseOctets < 8 && tm.Time.Coarse >> (8 * layout.CoarseOctets) != 0)
        {
            throw CoarseOutOfRange(tm.Time, layout);
        }

        if (!tm.Time.FineFits(layout.FineOctets))
        {
            throw FineOutOfRange(tm.Time, layout);
        }
    }

    // Apart from Check: a method that handles a UInt128 is left to the JIT by ReadyToRun (see CucTime).
    private static PacketFieldException CoarseOutOfRange(CucTime time, PusLayout layout) =>
        new("time.coarse", time.Coarse, $"0..{Max(layout.CoarseOctets)} ({layout.CoarseOctets} octets)");

    private static PacketFieldException FineOutOfRange(CucTime time, PusLayout layout) =>
        new("time.fine", time.Fine, $"0..{Max(layout.FineOctets)} ({layout.FineOctets} octets)");

    private static UInt128 Max(int octets) => octets >= 16 ? UInt128.MaxValue : (UInt128.One << (8 * octets)) - 1;
}
