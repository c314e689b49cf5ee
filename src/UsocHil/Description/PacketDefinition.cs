namespace UsocHil.Description;

/// <summary>
/// One packet layout (XTCE's sequence container): the fields it adds after its base's, and the values of its base's
/// fields that identify it (the APID, a PUS type and subtype, a structure ID). Decoding starts at a root layout and
/// descends to the child whose restrictions hold, as Yamcs and XTCE do; a packet is named by the layout it ends in.
/// </summary>
public sealed record PacketDefinition
{
    public required string Name { get; init; }

    /// <summary>The layout this one extends: its fields come first, and its restrictions are checked on them.</summary>
    public string? Base { get; init; }

    /// <summary>Only a base for others: a packet that ends here matches no concrete layout.</summary>
    public bool Abstract { get; init; }

    /// <summary>All must hold for a packet to be this layout (values of fields decoded so far).</summary>
    public IReadOnlyList<RestrictionDefinition> Restrictions { get; set; } = [];

    public IReadOnlyList<PacketEntryDefinition> Entries { get; set; } = [];

    public string? Description { get; init; }
}

/// <summary>
/// One field of a packet layout: a parameter, after <see cref="Offset"/> bits of gap from the previous field's end; or
/// a repeated group (<see cref="Group"/>): its <see cref="Fields"/> repeated as many times as the earlier field
/// <see cref="Count"/> says (XTCE's RepeatEntry with a DynamicValue, a MIB's VPD group).
/// </summary>
public sealed record PacketEntryDefinition
{
    /// <summary>The field's parameter; empty for a repeated group.</summary>
    public string Parameter { get; set; } = "";

    public int Offset { get; init; }

    /// <summary>The repeated group's name, when this entry is one.</summary>
    public string? Group { get; init; }

    /// <summary>The field before the group whose raw value is how many times the group repeats.</summary>
    public string? Count { get; init; }

    /// <summary>The fields of one repetition, each of a fixed size.</summary>
    public IReadOnlyList<PacketEntryDefinition>? Fields { get; init; }
}

/// <summary>
/// A field value a packet must carry to be a layout: raw unless <see cref="Calibrated"/>; operators ==, !=, &lt;,
/// &lt;=, &gt;, &gt;=.
/// </summary>
public sealed record RestrictionDefinition
{
    public required string Parameter { get; init; }
    public required double Value { get; init; }
    public string Operator { get; set; } = "==";
    public bool Calibrated { get; init; }
}
