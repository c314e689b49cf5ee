namespace UsocHil.Description;

/// <summary>
/// The size of a <c>string</c> or <c>bytes</c> field that varies from packet to packet, said one way: a leading
/// count of the octets that follow (<see cref="Prefix"/> bits wide, a Pascal string, XTCE's <c>LeadingSize</c>), a
/// terminating octet after the text (<see cref="Terminator"/>, a C string, XTCE's <c>TerminationChar</c>), or an
/// earlier field of the packet that counts the octets (<see cref="Parameter"/>, XTCE's <c>DynamicValue</c>).
/// </summary>
public sealed record FieldSizeDefinition
{
    /// <summary>Bits of the unsigned count of octets in front of the content (8, 16, 24 or 32).</summary>
    public int? Prefix { get; init; }

    /// <summary>The octet that ends a string (0 for NUL); it is read but is not part of the text.</summary>
    public int? Terminator { get; init; }

    /// <summary>An earlier field of the packet whose raw value is the number of octets.</summary>
    public string? Parameter { get; init; }

    /// <summary>The most octets the field may take in a packet, its count or terminator included (XTCE's <c>maxSizeInBits</c> / 8).</summary>
    public int? Max { get; init; }
}
