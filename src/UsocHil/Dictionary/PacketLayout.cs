using UsocHil.Description;

namespace UsocHil.Dictionary;

/// <summary>
/// One packet layout resolved against its ancestors: each field's absolute bit offset and its index among the fields
/// decoded on the way here, and each restriction as the index of the field it tests.
/// </summary>
internal sealed class PacketLayout
{
    private readonly List<PacketLayout> _children = [];

    public PacketLayout(PacketDefinition definition, PacketLayout? parent, IReadOnlyList<LayoutField> fields, IReadOnlyList<LayoutRestriction> restrictions, long endBit, IReadOnlyList<LayoutGroup>? groups = null)
    {
        Definition = definition;
        Parent = parent;
        Fields = fields;
        FieldArray = [.. fields];
        Curves = [.. fields.Select(f => new CalibrationCurve(f.Parameter))];
        Restrictions = restrictions;
        RestrictionArray = [.. restrictions];
        EndBit = endBit;
        Groups = [.. groups ?? []];
        Variable = fields.Any(f => f.Size is not null) || Groups.Length > 0;
        parent?._children.Add(this);
    }

    public PacketDefinition Definition { get; }
    public string Name => Definition.Name;
    public PacketLayout? Parent { get; }

    /// <summary>This layout's own fields (its ancestors' come before them in the packet).</summary>
    public IReadOnlyList<LayoutField> Fields { get; }

    /// <summary><see cref="Fields"/> as an array, for the decoders' loops.</summary>
    public LayoutField[] FieldArray { get; }

    /// <summary>The calibration curve of each of <see cref="Fields"/>, resolved once.</summary>
    public CalibrationCurve[] Curves { get; }

    public IReadOnlyList<LayoutRestriction> Restrictions { get; }

    /// <summary>This layout's repeated groups, in packet order.</summary>
    public LayoutGroup[] Groups { get; }

    private LayoutRestriction[] RestrictionArray { get; }
    public IReadOnlyList<PacketLayout> Children => _children;

    /// <summary>
    /// Whether one of this layout's own fields has a size the packet says, or it has a repeated group: from there on,
    /// offsets move by what those take beyond nothing (their static width is 0).
    /// </summary>
    public bool Variable { get; }

    /// <summary>The bit after this layout's last field (variable fields counted as 0).</summary>
    public long EndBit { get; }

    /// <summary>Fields from the root's first to this layout's last.</summary>
    public int PathFieldCount => (Parent?.PathFieldCount ?? 0) + Fields.Count;

    public bool Matches(ReadOnlySpan<double> raw, ReadOnlySpan<double> engineering)
    {
        LayoutRestriction[] restrictions = RestrictionArray;
        for (int i = 0; i < restrictions.Length; i++)
        {
            ref readonly LayoutRestriction restriction = ref restrictions[i];
            double value = restriction.Calibrated ? engineering[restriction.FieldIndex] : raw[restriction.FieldIndex];
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
    private readonly double _value = Definition.Value;
    private readonly Comparison _comparison = Definition.Operator switch
    {
        "==" => Comparison.Equal,
        "!=" => Comparison.NotEqual,
        "<" => Comparison.Less,
        "<=" => Comparison.LessOrEqual,
        ">" => Comparison.Greater,
        ">=" => Comparison.GreaterOrEqual,
        _ => Comparison.Never,
    };

    public bool Calibrated { get; } = Definition.Calibrated;

    public bool Holds(double value) => _comparison switch
    {
        Comparison.Equal => value == _value,
        Comparison.NotEqual => value != _value,
        Comparison.Less => value < _value,
        Comparison.LessOrEqual => value <= _value,
        Comparison.Greater => value > _value,
        Comparison.GreaterOrEqual => value >= _value,
        _ => false,
    };

    private enum Comparison
    {
        Never,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    }
}
