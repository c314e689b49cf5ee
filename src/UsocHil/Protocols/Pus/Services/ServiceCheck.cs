using UsocHil.Framing.Ccsds;

namespace UsocHil.Protocols.Pus.Services;

/// <summary>Refuses a packet of another service or subtype than the typed message being parsed.</summary>
internal static class ServiceCheck
{
    public static void Expect(PusPacket packet, byte service, params ReadOnlySpan<byte> subtypes)
    {
        if (packet.Service != service)
        {
            throw new PacketDecodeException("service", 7, $"service {packet.Service}, expected {service}");
        }

        if (!subtypes.Contains(packet.Subtype))
        {
            throw new PacketDecodeException("subtype", 8, $"TM/TC[{service},{packet.Subtype}] is not a subtype this message has");
        }
    }

    public static Telecommand Telecommand(ushort apid, byte service, byte subtype, byte[] data, AckFlags ack) =>
        new() { Apid = apid, Service = service, Subtype = subtype, ApplicationData = data, AckFlags = ack };

    public static Telemetry Telemetry(ushort apid, byte service, byte subtype, byte[] data) =>
        new() { Apid = apid, Service = service, Subtype = subtype, ApplicationData = data };
}
