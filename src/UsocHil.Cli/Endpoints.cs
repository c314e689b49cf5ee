using UsocHil.Description;

namespace UsocHil.Cli;

/// <summary>The endpoints a station binding names, for listing and probing.</summary>
internal static class Endpoints
{
    public static IEnumerable<(string What, EndpointBinding Endpoint)> Of(RigBinding binding)
    {
        foreach (var (name, endpoint) in binding.Links)
        {
            yield return ($"link {name}", endpoint);
        }

        foreach (var (name, endpoint) in binding.Instruments)
        {
            yield return ($"instrument {name}", endpoint);
        }

        if (binding.Gpio is { Binding: "pigpio", Host: { } host } gpio)
        {
            yield return ($"gpio (pigpio)", new EndpointBinding { Tcp = new NetworkBinding { Host = host, Port = gpio.Port } });
        }
        else if (binding.Gpio is { Binding: "libgpiod", Chip: { } chip })
        {
            yield return ($"gpio (libgpiod)", new EndpointBinding { Serial = new SerialBinding { Device = chip } });
        }
    }

    public static string Describe(EndpointBinding endpoint) => endpoint switch
    {
        { Serial: { } serial } => $"serial {serial.Device}",
        { Tcp: { } tcp } => $"tcp {tcp.Host}:{tcp.Port}",
        { Udp: { } udp } => $"udp {udp.Host}:{udp.Port}",
        _ => "unbound",
    };
}
