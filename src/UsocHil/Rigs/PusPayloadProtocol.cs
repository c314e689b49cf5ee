using UsocHil.Dictionary;
using UsocHil.Framing;
using UsocHil.Protocols.Pus;

namespace UsocHil.Rigs;

/// <summary>
/// PUS-C over a byte link: sync-marker framing on serial (a byte stream with no packet boundaries), length-delimited
/// on TCP and UDP; the raw packet path (<c>raw</c> steps) rides on the same framer.
/// </summary>
internal static class PusPayloadProtocol
{
    public static IPayloadChannel Open(PayloadOpen open)
    {
        var codec = new DictionaryCodec(open.Rig.Dictionary, (ushort)open.Rig.Apid, new PusCodec(open.Rig.Profile));
        IPacketFramer framer = open.Binding.Serial is not null
            ? new SyncMarkerFramer(codec.Codec.Layout.ErrorControl, open.Time, open.Log, new SyncMarkerFramerOptions { MidPacketTimeout = open.AnswerFloor / 4 })
            : new LengthDelimitedFramer(codec.Codec.Layout.MaxPacketLength);
        var raw = new RawPacketPort(open.Link, framer, new PacketCapture(codec.Codec, open.Time));
        return new RawPacketChannel(new RigSessionPusChannel(open.Link, raw, codec, open.Time, open.Log, open.Timing), raw);
    }
}
