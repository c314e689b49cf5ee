using CsCheck;
using UsocHil.Framing.Ccsds;
using UsocHil.Protocols.Pus;
using UsocHil.Description;

namespace UsocHil.Tests.Protocols;

/// <summary>CsCheck generators of profiles and packets that fit them.</summary>
internal static class PusGen
{
    public static readonly Gen<MissionProfile> Profile =
        from source in Gen.Bool
        from counter in Gen.Bool
        from destination in Gen.Bool
        from time in Gen.OneOf("none", "cuc-4-2", "cuc-4-0", "cuc-1-3", "cuc-2-1", "cuc-3-3")
        from pField in Gen.Bool
        from pec in Gen.OneOf("crc", "iso", "none")
        select new MissionProfile
        {
            TcSourceId = source,
            TmMessageTypeCounter = counter,
            TmDestinationId = destination,
            Time = time,
            TimeExplicitPField = pField,
            ErrorControl = pec,
        };

    public static readonly Gen<byte[]> Data = Gen.Byte.Array[0, 80];

    public static readonly Gen<Telecommand> Telecommand =
        from apid in Gen.UShort[0, SpacePacketHeader.MaxApid]
        from flags in Gen.Int[0, 3]
        from count in Gen.UShort[0, 16383]
        from ack in Gen.Int[0, 15]
        from service in Gen.Byte
        from subtype in Gen.Byte
        from source in Gen.UShort
        from data in Data
        select new Telecommand
        {
            Apid = apid,
            SequenceFlags = (SequenceFlags)flags,
            SequenceCount = count,
            AckFlags = (AckFlags)ack,
            Service = service,
            Subtype = subtype,
            SourceId = source,
            ApplicationData = data,
        };

    public static Gen<Telemetry> Telemetry(PusLayout layout) =>
        from apid in Gen.UShort[0, SpacePacketHeader.MaxApid]
        from flags in Gen.Int[0, 3]
        from count in Gen.UShort[0, 16383]
        from status in Gen.Byte[0, 15]
        from service in Gen.Byte
        from subtype in Gen.Byte
        from counter in Gen.UShort
        from destination in Gen.UShort
        from coarse in Gen.UInt
        from fine in Gen.UInt
        from data in Data
        select new Telemetry
        {
            Apid = apid,
            SequenceFlags = (SequenceFlags)flags,
            SequenceCount = count,
            TimeReferenceStatus = status,
            Service = service,
            Subtype = subtype,
            MessageTypeCounter = layout.Profile.TmMessageTypeCounter ? counter : (ushort)0,
            DestinationId = layout.Profile.TmDestinationId ? destination : (ushort)0,
            Time = layout.HasTime
                ? new CucTime(Fit(coarse, layout.CoarseOctets), Fit(fine, layout.FineOctets), layout.CoarseOctets, layout.FineOctets)
                : default,
            ApplicationData = data,
        };

    /// <summary>A profile with a telecommand or telemetry packet that fits it.</summary>
    public static readonly Gen<(MissionProfile Profile, PusPacket Packet)> ProfiledPacket =
        from profile in Profile
        from telemetry in Gen.Bool
        from packet in telemetry ? Telemetry(new PusLayout(profile)).Select(p => (PusPacket)p) : Telecommand.Select(p => (PusPacket)(profile.TcSourceId ? p : p with { SourceId = 0 }))
        select (profile, packet);

    private static uint Fit(uint value, int octets) => octets >= 4 ? value : value & (uint)((1UL << (8 * octets)) - 1);
}
