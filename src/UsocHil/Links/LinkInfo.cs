namespace UsocHil.Links;

/// <summary>What a link is connected to, for logs, errors and records.</summary>
/// <param name="Name">The link's name in rig.json (for example "payload").</param>
/// <param name="Kind">serial, tcp, udp or in-memory.</param>
/// <param name="Endpoint">The device path or address, as an operator would type it.</param>
public sealed record LinkInfo(string Name, string Kind, string Endpoint)
{
    public override string ToString() => $"{Name} ({Kind} {Endpoint})";
}
