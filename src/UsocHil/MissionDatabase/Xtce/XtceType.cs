namespace UsocHil.MissionDatabase.Xtce;

/// <summary>
/// An XTCE parameter type as the rig can hold it: a field type with its unit, curve and enumeration, or (when the
/// type is not supported) null with the size it occupies in a packet when that size is fixed.
/// </summary>
internal sealed record XtceType(string Name, string? FieldType, int? FixedBits)
{
    public string? Unit { get; init; }
    public IReadOnlyList<double>? Polynomial { get; init; }
    public IReadOnlyList<IReadOnlyList<double>>? Spline { get; init; }
    public IReadOnlyDictionary<string, string>? Enumeration { get; init; }
    public string? WhyNot { get; init; }
    public string? Description { get; init; }

    /// <summary>An absolute or relative time type's reference, its value in seconds.</summary>
    public Description.TimeDefinition? Time { get; init; }

    /// <summary>How a variable string or block says its size; a counting parameter by its XTCE name until the parameters are read.</summary>
    public Description.FieldSizeDefinition? Size { get; init; }

    /// <summary>The valid range (engineering), the settable range of a parameter of this type.</summary>
    public IReadOnlyList<double>? Range { get; init; }

    /// <summary>The default alarm (no condition) first, then the context alarms in list order.</summary>
    public IReadOnlyList<XtceAlarm> Alarms { get; init; } = [];
}
