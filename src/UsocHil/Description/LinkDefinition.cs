namespace UsocHil.Description;

/// <summary>A data link the ground model offers, with the transports it can be reached by.</summary>
public sealed record LinkDefinition
{
    public required string Name { get; init; }

    /// <summary>pus or scpi.</summary>
    public required string Protocol { get; init; }

    /// <summary>serial, tcp, udp.</summary>
    public IReadOnlyList<string> Transports { get; set; } = [];

    /// <summary>The payload's own line settings; a station binding may override them.</summary>
    public SerialSettings? Serial { get; init; }
}
