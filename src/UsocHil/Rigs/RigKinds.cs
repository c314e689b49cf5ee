using UsocHil.Gpio;
using UsocHil.Links;

namespace UsocHil.Rigs;

/// <summary>What opening a rig may use: its payload protocols, the link kinds and the GPIO bindings of this station.</summary>
public sealed record RigKinds(PayloadProtocols Protocols, LinkKinds Links, GpioBindings Gpio)
{
    /// <summary>Only what UsocHil itself has: pus; serial, tcp, udp; sim, pigpio, libgpiod.</summary>
    public static RigKinds CreateDefault() => new(PayloadProtocols.CreateDefault(), LinkKinds.CreateDefault(), GpioBindings.CreateDefault());
}
