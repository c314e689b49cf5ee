using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// One packet layout resolved against its ancestors: each field's absolute bit offset and its index among the fields
/// decoded on the way here, and each restriction as the index of the field it tests.
/// </summary>
internal sealed class PacketLayout
{
    private readonly List<PacketLayout> _children = [];

    public PacketLayout(PacketDefinition definition, PacketLayout? parent, IReadOnlyList<LayoutField> fields, IReadOnlyList<LayoutRestriction> restrictions, long endBit)
    {
        Definition = definition;
        Parent = parent;
        Fields = fields;
        Restrictions = restrictions;
        EndBit = endBit;
        Variable = fields.Any(f => f.Size is not null);
        parent?._children.Add(this);
    }

    public PacketDefinition Definition { get; }
    public string Name => Definition.Name;
    public PacketLayout? Parent { get; }

    /// <summary>This layout's own fields (its ancestors' come before them in the packet).</summary>
    public IReadOnlyList<LayoutField> Fields { get; }

    public IReadOnlyList<LayoutRestriction> Restrictions { get; }
    public IReadOnlyList<PacketLayout> Children => _children;

    /// <summary>
    /// Whether one of this layout's own fields has a size the packet says: from it on, offsets move by what those
    /// fields take beyond nothing (their static width is 0).
    /// </summary>
    public bool Variable { get; }

    /// <summary>The bit after this layout's last field (variable fields counted as 0).</summary>
    public long EndBit { get; }

    /// <summary>Fields from the root's first to this layout's last.</summary>
    public int PathFieldCount => (Parent?.PathFieldCount ?? 0) + Fields.Count;

    public bool Matches(ReadOnlySpan<double> raw, ReadOnlySpan<double> engineering)
    {
        for (int i = 0; i < Restrictions.Count; i++)
        {
            LayoutRestriction restriction = Restrictions[i];
            double value = restriction.Definition.Calibrated ? engineering[restriction.FieldIndex] : raw[restriction.FieldIndex];
            if (!restriction.Holds(value))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A field of a layout: where it starts in the packet and where its value goes among the decoded fields.</summary>
/// <remarks>
/// A variable string or block has a <see cref="Size"/>; <see cref="SizeIndex"/> is the decoded field that counts its
/// octets (-1 when a leading count or a terminator does). Its offset and those after it are static, to which the
/// decoder adds what the variable fields before took.
/// </remarks>
internal readonly record struct LayoutField(ParameterDefinition Parameter, FieldType Type, long BitOffset, int Index, FieldSizeDefinition? Size = null, int SizeIndex = -1);

/// <summary>A restriction of a layout bound to the decoded field it tests.</summary>
internal readonly record struct LayoutRestriction(RestrictionDefinition Definition, int FieldIndex)
{
    public bool Holds(double value) => Definition.Operator switch
    {
        "==" => value == Definition.Value,
        "!=" => value != Definition.Value,
        "<" => value < Definition.Value,
        "<=" => value <= Definition.Value,
        ">" => value > Definition.Value,
        ">=" => value >= Definition.Value,
        _ => false,
    };
}
